using System.Globalization;
using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Verdicts;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Scenarios.DoubleFault;

/// <summary>
/// A replica's machine and then the primary's are lost, a short gap apart (same rack, same deploy). With two
/// or more replicas a replica holding every acknowledged write must remain and be promoted: writes resume
/// within the target, nothing acknowledged is lost, and both lost members are replaced. The fault counts from
/// the first loss, so writeUnavailableSeconds includes the gap.
/// </summary>
internal sealed class DoubleFaultScenario : ChaosScenario
{
    private readonly DoubleFaultOptions _options;
    private NoPrimaryStop? _noPrimary;

    /// <summary>Creates the scenario.</summary>
    public DoubleFaultScenario(DoubleFaultOptions? options = null)
    {
        _options = options ?? new DoubleFaultOptions();
        if (_options.Gap < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.Gap, "DoubleFaultOptions.Gap must be >= 0");
        }
    }

    /// <inheritdoc />
    public override string Name => DoubleFaultConstants.Name;

    /// <inheritdoc />
    public override string Summary => "a replica machine, then the primary's, are lost together: a replica with every acknowledged write is promoted, both are replaced";

    /// <inheritdoc />
    public override IReadOnlyList<FaultKind> RequiredFaults { get; } = [FaultKind.MachineLoss];

    /// <inheritdoc />
    public override IReadOnlyList<string> JudgedMeasurements { get; } =
    [
        MeasurementNames.WriteUnavailableSeconds, MeasurementNames.LostWrites, MeasurementNames.FailedWrites,
        MeasurementNames.ReplacementSeconds, MeasurementNames.FalseFailovers,
    ];

    /// <inheritdoc />
    public override TimeSpan HardDeadline(StackSpec spec) =>
        TimeSpan.FromSeconds(spec.RecoveryTargets.ReplacementSeconds) + _options.Gap + _options.RecoveryGrace + _options.HardDeadlineMargin;

    /// <inheritdoc />
    public override string? Precondition(StackSpec spec, ClusterObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var group = Group(spec);
        return SteadyStateGuard.WarmReplicas(observation, group.Name) == 0 ? $"group {group.Name} has no warm replica to lose"
            : observation.WarmRoutedReplicas < 2 ? "fewer than two warm replicas: after losing one with the primary none would be left to promote"
            : null;
    }

    /// <inheritdoc />
    public override IReadOnlyList<string> Plan(StackSpec spec, ClusterObservation? observation)
    {
        var group = Group(spec);
        var victim = observation is null ? null : ScenarioWaits.PickWarmReplica(observation, group.Name, new Random(0));
        var targets = spec.RecoveryTargets;
        return
        [
            $"kill a warm replica of group {group.Name}{(victim is null ? "" : $" (now: {victim.Name}, the choice follows --seed)")} as a machine loss",
            string.Create(CultureInfo.InvariantCulture, $"{_options.Gap.TotalSeconds:0.###} s later, kill the primary{(observation?.Primary is { } p ? $" (now: {p.Name})" : "")} as a machine loss"),
            $"wait for a remaining replica to be promoted and a write to be acknowledged (writeUnavailableSeconds <= {Judge.Format(MeasurementNames.WriteUnavailableSeconds, targets.WriteUnavailableSeconds)}, from the first loss)",
            $"wait for every group to be back at its desired count of warm members (replacementSeconds <= {Judge.Format(MeasurementNames.ReplacementSeconds, targets.ReplacementSeconds)})",
            $"check every acknowledged write on the new primary (lostWrites <= {targets.LostWrites}); failedWrites <= {targets.FailedWrites}",
        ];
    }

    /// <inheritdoc />
    public override async Task RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var targets = context.Spec.RecoveryTargets;
        var group = Group(context.Spec);
        _noPrimary = new NoPrimaryStop(Math.Max(targets.WriteUnavailableSeconds, 5) * _options.NoPrimaryStopFactor);
        var primary = context.Latest.Primary ?? throw new PlatformException("no primary to lose");
        var replica = ScenarioWaits.PickWarmReplica(context.Latest, group.Name, context.Random)
            ?? throw new PlatformException($"group {group.Name} has no warm replica to lose");

        context.Info(string.Create(CultureInfo.InvariantCulture, $"killing replica {replica.Name}, then primary {primary.Name} {_options.Gap.TotalSeconds:0.###} s later"));
        var firstIdAfter = context.Workload.NextWriteId;
        var description = string.Create(CultureInfo.InvariantCulture,
            $"replica {replica.Name} lost, then primary {primary.Name} {_options.Gap.TotalSeconds:0.###} s later ({context.Platform.Capabilities.Describe(FaultKind.MachineLoss)})");
        // The losses start the gap apart, whatever a call takes to return (locally a kill deletes the member's
        // storage after the loss itself), so the second loss is not pushed back by the first.
        await context.InjectTogetherAsync(description, [new FaultRequest(FaultKind.MachineLoss, replica), new FaultRequest(FaultKind.MachineLoss, primary)],
            _options.Gap, primary, expectedFailovers: 1, cancellationToken);

        var writeWait = TimeSpan.FromSeconds(targets.WriteUnavailableSeconds) + _options.RecoveryGrace;
        await ScenarioWaits.ConditionAsync(context, "a remaining replica was promoted",
            o => o.Primary is { } p && p.Name != primary.Name && p.Name != replica.Name, writeWait, cancellationToken);
        await ScenarioWaits.FirstWriteAfterFaultAsync(context, firstIdAfter, writeWait, cancellationToken);
        await ScenarioWaits.ConditionAsync(context, "every group back at desired count, warm, in the read endpoint",
            o => o.Find(replica.Name) is not { Health: MemberHealth.Running } && GroupRecovery.IsRecovered(o, primary.Name, context.DesiredByGroup),
            TimeSpan.FromSeconds(targets.ReplacementSeconds) + _options.RecoveryGrace, cancellationToken);
    }

    /// <inheritdoc />
    public override string? SafetyStop(ScenarioContext context, ClusterObservation observation) =>
        _noPrimary?.Check(observation, context?.Clock.Now ?? 0) is { } stop ? stop + " (no safe failover candidate? see the platform's status)" : null;

    private ReplicaGroupSpec Group(StackSpec spec) =>
        (_options.Group is null ? spec.ReplicaGroups.FirstOrDefault() : spec.FindGroup(_options.Group))
        ?? throw new PlatformException(_options.Group is null ? "the stack has no replica group" : $"the stack has no replica group named {_options.Group}");
}
