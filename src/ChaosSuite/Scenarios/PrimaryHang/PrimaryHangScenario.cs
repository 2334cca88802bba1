using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Timeline;
using Resilience.ChaosSuite.Verdicts;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Scenarios.PrimaryHang;

/// <summary>
/// The primary's machine hangs (every process stopped, connections and state kept) and later resumes.
/// A replica must be promoted meanwhile; when the old primary wakes up it must rejoin as a replica and
/// never accept a write: no split brain, no lost write.
/// </summary>
internal sealed class PrimaryHangScenario : ChaosScenario
{
    private readonly PrimaryHangOptions _options;
    private MemberObservation? _victim;
    private (bool? Accepted, string Detail)? _probe;

    /// <summary>Creates the scenario.</summary>
    public PrimaryHangScenario(PrimaryHangOptions? options = null) => _options = options ?? new PrimaryHangOptions();

    /// <inheritdoc />
    public override string Name => PrimaryHangConstants.Name;

    /// <inheritdoc />
    public override string Summary => "the primary freezes and later resumes: a replica takes over, the old primary never accepts a write";

    /// <inheritdoc />
    public override IReadOnlyList<FaultKind> RequiredFaults { get; } = [FaultKind.Freeze];

    /// <inheritdoc />
    public override IReadOnlyList<string> JudgedMeasurements { get; } =
    [
        MeasurementNames.WriteUnavailableSeconds, MeasurementNames.LostWrites, MeasurementNames.OldPrimaryWrites, MeasurementNames.FalseFailovers,
    ];

    /// <inheritdoc />
    public override TimeSpan HardDeadline(StackSpec spec) =>
        TimeSpan.FromSeconds(spec.RecoveryTargets.WriteUnavailableSeconds) + _options.RecoveryGrace + _options.HoldAfterFailover
        + _options.RejoinTimeout + _options.WatchAfterRejoin + _options.HardDeadlineMargin;

    /// <inheritdoc />
    public override string? Precondition(StackSpec spec, ClusterObservation observation) =>
        observation.WarmRoutedReplicas == 0 ? "no warm replica to promote" : null;

    /// <inheritdoc />
    public override IReadOnlyList<string> Plan(StackSpec spec, ClusterObservation? observation)
    {
        var targets = spec.RecoveryTargets;
        return
        [
            $"freeze the primary{(observation?.Primary is { } p ? $" (now: {p.Name})" : "")}: its machine hangs, connections kept open",
            $"wait for a replica to be promoted and a write to be acknowledged (writeUnavailableSeconds <= {Judge.Format(MeasurementNames.WriteUnavailableSeconds, targets.WriteUnavailableSeconds)})",
            $"keep it frozen {_options.HoldAfterFailover.TotalSeconds:0} s more, then thaw it and wait for it to rejoin as a replica",
            "check that it never acknowledged a write after the failover and refuses a direct write (oldPrimaryWrites <= 0)",
            $"check every acknowledged write on the new primary (lostWrites <= {targets.LostWrites})",
        ];
    }

    /// <inheritdoc />
    public override async Task RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var targets = context.Spec.RecoveryTargets;
        _victim = context.Latest.Primary ?? throw new PlatformException("no primary to freeze");

        context.Info($"freezing primary {_victim.Name} (answers as {_victim.ServerIdentity})");
        var firstIdAfter = context.Workload.NextWriteId;
        var victim = _victim;
        await context.InjectAsync($"primary {victim.Name} frozen ({context.Platform.Capabilities.Describe(FaultKind.Freeze)})", FaultKind.Freeze, victim, expectedFailovers: 1, cancellationToken);

        var writeWait = TimeSpan.FromSeconds(targets.WriteUnavailableSeconds) + _options.RecoveryGrace;
        var victimName = _victim.Name;
        await ScenarioWaits.ConditionAsync(context, "a new primary was elected", o => o.Primary is { } p && p.Name != victimName, writeWait, cancellationToken);
        await ScenarioWaits.FirstWriteAfterFaultAsync(context, firstIdAfter, writeWait, cancellationToken);
        await context.DelayAsync(_options.HoldAfterFailover, cancellationToken);

        await context.LiftAsync(cancellationToken);
        var rejoined = await ScenarioWaits.ConditionAsync(context, $"{victimName} rejoined as a replica",
            o => o.Find(victimName) is { Role: MemberRole.Replica, Health: MemberHealth.Running }, _options.RejoinTimeout, cancellationToken);
        var endpoint = (rejoined?.Observation ?? context.Latest).Find(victimName)?.DirectEndpoint ?? _victim.DirectEndpoint;
        if (endpoint is not null)
        {
            _probe = await OldPrimaryProbe.TryWriteAsync(context.Access, endpoint, cancellationToken);
            context.Info(_probe.Value.Detail);
        }

        await context.DelayAsync(_options.WatchAfterRejoin, cancellationToken);
    }

    /// <inheritdoc />
    public override void Measure(ScenarioContext context, TimelineSnapshot timeline, MeasurementSet measurements, ICollection<PhaseMark> phases)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(measurements);
        if (context.Fault is not { } fault || _victim is null)
        {
            return;
        }

        var failover = Failovers.NewPrimary(timeline, fault);
        if (failover is null)
        {
            measurements.Set(MeasurementNames.OldPrimaryWrites, null, "no failover happened, so the old primary was never demoted");
            return;
        }

        var routed = timeline.Samples.Count(s => s.At > failover.At && s.Observation.Find(_victim.Name) is { InWriteEndpoint: true });
        var acknowledged = timeline.Operations.Count(o => o is { Kind: OperationKind.Write, Succeeded: true }
            && o.StartedAt > failover.At && o.ServerIdentity == _victim.ServerIdentity);
        var accepted = _probe?.Accepted == true ? 1 : 0;
        measurements.Set(MeasurementNames.OldPrimaryWrites, acknowledged + accepted,
            acknowledged + accepted > 0 ? $"{acknowledged} workload write(s) acknowledged by {_victim.Name} after the failover; direct probe: {_probe?.Detail ?? "not run"}" : _probe?.Detail);
        measurements.Observe("oldPrimaryInWriteEndpointSamples", routed);
        measurements.Observe("oldPrimaryDirectWriteAccepted", _probe?.Accepted switch { true => 1, false => 0, null => null });
    }
}
