using System.Globalization;
using System.Text.Json;
using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Timeline;
using Resilience.ChaosSuite.Verdicts;
using Resilience.Topology;
using Resilience.Topology.Time;

namespace Resilience.ChaosSuite.Scenarios.PrimaryDegradedHost;

/// <summary>
/// The primary's host starves it of CPU in spells (a sick host: every request slow, nothing down). The client-visible
/// latency alarm must fire, no failover may happen because of it (a slow primary is not a dead one), and the runbook
/// must cost the application nothing: a planned switchover to a warm synchronous standby, then the sick member is
/// replaced by a new one ("moved to a new host"). The starvation is the fault: replacementSeconds runs from it.
/// </summary>
internal sealed class PrimaryDegradedHostScenario : ChaosScenario
{
    // A write on the new primary shows up in the timeline within one workload interval (20 ms at the default rate).
    private static readonly TimeSpan WriteCheckInterval = TimeSpan.FromMilliseconds(50);

    // Observations come at 20 Hz: a standby whose gate reopened is seen within one.
    private static readonly TimeSpan CandidateCheckInterval = TimeSpan.FromMilliseconds(50);

    private readonly PrimaryDegradedHostOptions _options;
    private MemberObservation? _degraded;
    private MemberObservation? _newPrimary;
    private double? _switchoverRequestedAt;
    private double? _replacementRequestedAt;
    private volatile bool _switchoverStarted;
    private volatile string? _unplanned;
    private NoPrimaryStop? _noPrimary;

    /// <summary>Creates the scenario.</summary>
    public PrimaryDegradedHostScenario(PrimaryDegradedHostOptions? options = null) => _options = options ?? new PrimaryDegradedHostOptions();

    /// <inheritdoc />
    public override string Name => PrimaryDegradedHostConstants.Name;

    /// <inheritdoc />
    public override string Summary => "the primary's host starves it of CPU in spells: the latency alarm fires, a planned switchover moves the primary off it, the sick member is replaced";

    /// <inheritdoc />
    /// <remarks>Retiring the sick member is the platform's machine loss: its host is taken away and its group replaces it.</remarks>
    public override IReadOnlyList<FaultKind> RequiredFaults { get; } = [FaultKind.CpuStarvation, FaultKind.Switchover, FaultKind.MachineLoss];

    /// <inheritdoc />
    public override IReadOnlyList<string> JudgedMeasurements { get; } =
    [
        MeasurementNames.AlarmDetectSeconds, MeasurementNames.SwitchoverWriteUnavailableSeconds, MeasurementNames.FailedWrites,
        MeasurementNames.LostWrites, MeasurementNames.FalseFailovers, MeasurementNames.ReplacementSeconds,
    ];

    /// <inheritdoc />
    public override TimeSpan HardDeadline(StackSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var targets = spec.RecoveryTargets;
        return TimeSpan.FromSeconds(targets.AlarmDetectSeconds + targets.SwitchoverWriteUnavailableSeconds + targets.ReplacementSeconds)
            + _options.AlarmGrace + _options.RecoveryGrace + _options.RecoveryGrace + _options.HardDeadlineMargin;
    }

    /// <inheritdoc />
    public override string? SpecProblem(StackSpec spec) => ExpectedAlarms(spec).Count == 0
        ? $"needs a greater-than alarm on {string.Join(" or ", _options.AlarmMetrics.Select(MetricName))} in resilience:alarms to detect the sick host"
        : null;

    /// <inheritdoc />
    public override string? Precondition(StackSpec spec, ClusterObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        return observation.Primary is { } primary && SwitchoverCandidate(observation, primary.Name) is null ? "no warm replica to switch over to" : null;
    }

    /// <inheritdoc />
    public override IReadOnlyList<string> Plan(StackSpec spec, ClusterObservation? observation)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var targets = spec.RecoveryTargets;
        var primary = observation?.Primary;
        var candidate = primary is null ? null : SwitchoverCandidate(observation!, primary.Name);
        return
        [
            $"starve the primary's host of CPU in spells{(primary is null ? "" : $" (now: {primary.Name})")} while the workload writes",
            $"wait for {string.Join(" or ", ExpectedAlarms(spec))} to reach ALARM (alarmDetectSeconds <= {Judge.Format(MeasurementNames.AlarmDetectSeconds, targets.AlarmDetectSeconds)}); no failover may happen meanwhile (falseFailovers <= {targets.FalseFailovers})",
            $"planned switchover to the least lagged warm standby{(candidate is null ? "" : $" (now: {candidate.Name})")} (switchoverWriteUnavailableSeconds <= {Judge.Format(MeasurementNames.SwitchoverWriteUnavailableSeconds, targets.SwitchoverWriteUnavailableSeconds)}, failedWrites <= {targets.FailedWrites})",
            $"retire the sick member from its host; its group replaces it (replacementSeconds <= {Judge.Format(MeasurementNames.ReplacementSeconds, targets.ReplacementSeconds)}, from the start of the starvation)",
            $"lift the starvation (also on rollback, Ctrl-C and SIGTERM); check every acknowledged write (lostWrites <= {targets.LostWrites})",
        ];
    }

    /// <inheritdoc />
    public override async Task RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var targets = context.Spec.RecoveryTargets;
        var degraded = context.Latest.Primary ?? throw new PlatformException("no primary to degrade");
        _degraded = degraded;

        context.Info($"degrading the host of primary {degraded.Name} (answers as {degraded.ServerIdentity})");
        await context.InjectAsync($"host of primary {degraded.Name} degraded ({context.Platform.Capabilities.Describe(FaultKind.CpuStarvation)})",
            FaultKind.CpuStarvation, degraded, expectedFailovers: 1, cancellationToken);

        var alarms = ExpectedAlarms(context.Spec);
        var detected = await ScenarioWaits.ConditionAsync(context, $"{string.Join(" or ", alarms)} in ALARM",
            o => o.Firing.Any(a => alarms.Contains(a.Name)), TimeSpan.FromSeconds(targets.AlarmDetectSeconds) + _options.AlarmGrace, cancellationToken);
        if (detected is null)
        {
            context.Info("running the runbook anyway, so the switchover and the replacement are still measured");
        }

        await SwitchOverAsync(context, degraded, cancellationToken);

        var retiring = context.Latest.Find(degraded.Name) ?? degraded;
        (_replacementRequestedAt, _) = await context.RequestAsync(PhaseNames.ReplacementRequested,
            $"{degraded.Name} retired from its sick host ({context.Platform.Capabilities.Describe(FaultKind.MachineLoss)}); its group replaces it",
            FaultKind.MachineLoss, retiring, cancellationToken);
        await ScenarioWaits.ConditionAsync(context, "every group back at desired count, warm, in the read endpoint",
            o => o.Find(degraded.Name) is not { Health: MemberHealth.Running } && GroupRecovery.IsRecovered(o, degraded.IncarnationKey, context.DesiredByGroup),
            TimeSpan.FromSeconds(targets.ReplacementSeconds) + _options.RecoveryGrace, cancellationToken);

        await context.LiftAsync(cancellationToken);
    }

    /// <inheritdoc />
    public override string? SafetyStop(ScenarioContext context, ClusterObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (!_switchoverStarted && _degraded is { } degraded && observation.Primary is { } now && now.Name != degraded.Name)
        {
            _unplanned ??= $"an unplanned failover under the degradation ({degraded.Name} -> {now.Name}): a slow primary was taken for a dead one";
        }

        return _unplanned ?? _noPrimary?.Check(observation, context?.Clock.Now ?? 0);
    }

    /// <inheritdoc />
    public override void Measure(ScenarioContext context, TimelineSnapshot timeline, MeasurementSet measurements, ICollection<PhaseMark> phases)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(measurements);
        ArgumentNullException.ThrowIfNull(phases);
        if (context.Fault is not { } fault)
        {
            return;
        }

        var alarms = ExpectedAlarms(context.Spec);
        AlarmDetection.Measure(timeline, fault.InjectedAt, alarms, measurements, phases, $"none of {string.Join(", ", alarms)} reached ALARM while {fault.TargetMember} was starved");

        MeasureSwitchover(measurements, timeline, phases);

        var from = timeline.Phase(PhaseNames.WorkloadStarted)?.At ?? context.StartedAt;
        var to = timeline.Phase(PhaseNames.WorkloadStopped)?.At ?? double.PositiveInfinity;
        var unplanned = Failovers.Unplanned(timeline, from, _switchoverRequestedAt, to);
        measurements.Set(MeasurementNames.FalseFailovers, unplanned, unplanned > 0 ? _unplanned ?? "the primary changed beyond the planned switchover" : null);

        var degradedUntil = _switchoverRequestedAt ?? timeline.Phase(PhaseNames.FaultLifted)?.At ?? to;
        measurements.Observe("writeLatencyP50MsDegraded", OperationStats.LatencyMs(timeline, OperationKind.Write, 50, fault.InjectedAt, degradedUntil));
        measurements.Observe("writeLatencyP99MsDegraded", OperationStats.LatencyMs(timeline, OperationKind.Write, 99, fault.InjectedAt, degradedUntil));
        if (_switchoverRequestedAt is { } switched)
        {
            var until = _replacementRequestedAt ?? to;
            measurements.Observe("writeLatencyP99MsAfterSwitchover", OperationStats.LatencyMs(timeline, OperationKind.Write, 99, switched, until));
        }

        if (_replacementRequestedAt is { } retired && GroupRecovery.RecoveredSample(timeline, fault, context.DesiredByGroup) is { } recovered && recovered.At >= retired)
        {
            measurements.Observe("replacementAfterRetirementSeconds", recovered.At - retired);
        }
    }

    /// <summary>The least lagged running, warm replica the read endpoint routes to, other than <paramref name="primary"/>; null when none.</summary>
    internal static MemberObservation? SwitchoverCandidate(ClusterObservation observation, string primary) =>
        observation.Replicas()
            .Where(m => m is { Health: MemberHealth.Running, GateOpen: true, InReadEndpoint: true } && m.Name != primary)
            .OrderBy(m => m.LagSeconds ?? double.MaxValue)
            .ThenBy(m => m.Name, StringComparer.Ordinal)
            .FirstOrDefault();

    private async Task SwitchOverAsync(ScenarioContext context, MemberObservation degraded, CancellationToken cancellationToken)
    {
        var targets = context.Spec.RecoveryTargets;
        var wait = TimeSpan.FromSeconds(targets.SwitchoverWriteUnavailableSeconds) + _options.RecoveryGrace;
        _noPrimary = new NoPrimaryStop(Math.Max(targets.SwitchoverWriteUnavailableSeconds, 5) * _options.NoPrimaryStopFactor);
        _switchoverStarted = true; // before the call: the sampler may see the new primary before it returns
        var newPrimary = await RequestSwitchoverAsync(context, degraded, wait, cancellationToken);
        _newPrimary = newPrimary;
        var requestedAt = _switchoverRequestedAt!.Value;

        await ScenarioWaits.ConditionAsync(context, $"{newPrimary.Name} is primary", o => o.Primary?.Name == newPrimary.Name, wait, cancellationToken);
        var acknowledged = await Poll.UntilAsync(
            _ => Task.FromResult(SwitchoverAvailability.FirstWriteOnNewPrimary(context.Timeline.Snapshot(), requestedAt, newPrimary.ServerIdentity) is not null),
            wait, WriteCheckInterval, context.Clock.TimeProvider, cancellationToken);
        context.Info(acknowledged
            ? string.Create(CultureInfo.InvariantCulture, $"{newPrimary.Name} acknowledged writes {context.Clock.Now - requestedAt:0.00} s after the switchover was requested")
            : string.Create(CultureInfo.InvariantCulture, $"{newPrimary.Name} acknowledged no write within {wait.TotalSeconds:0} s of the switchover"));
    }

    /// <summary>
    /// Asks for the switchover to a standby that is warm now, again while the platform refuses, until <paramref name="wait"/>
    /// from the first request (from which switchoverWriteUnavailableSeconds runs). A starved primary's standbys fall behind
    /// in its starved spells and their gates close until it is uncapped again (measured: a run found none warm when the
    /// alarm fired), and locally only a warm synchronous standby may take over.
    /// </summary>
    private async Task<MemberObservation> RequestSwitchoverAsync(ScenarioContext context, MemberObservation degraded, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = context.Clock.Now + wait.TotalSeconds;
        while (true)
        {
            var remaining = TimeSpan.FromSeconds(Math.Max(0, deadline - context.Clock.Now));
            var candidate = await Poll.UntilAsync(_ => Task.FromResult(SwitchoverCandidate(context.Latest, degraded.Name)),
                remaining, CandidateCheckInterval, context.Clock.TimeProvider, cancellationToken)
                ?? throw new PlatformException(string.Create(CultureInfo.InvariantCulture, $"no warm replica to switch over to within {wait.TotalSeconds:0} s"));
            _switchoverRequestedAt ??= context.Clock.Now;
            try
            {
                var (_, done) = await context.RequestAsync(PhaseNames.SwitchoverRequested,
                    $"planned switchover {degraded.Name} -> {candidate.Name} ({context.Platform.Capabilities.Describe(FaultKind.Switchover)})",
                    FaultKind.Switchover, candidate, cancellationToken);
                return done.Member == candidate.Name ? candidate : context.Latest.Find(done.Member) ?? candidate;
            }
            catch (PlatformException e) when (context.Clock.Now < deadline)
            {
                context.Info($"the platform refused the switchover ({e.Message}); asking again");
                await context.DelayAsync(CandidateCheckInterval, cancellationToken);
            }
        }
    }

    private void MeasureSwitchover(MeasurementSet measurements, TimelineSnapshot timeline, ICollection<PhaseMark> phases)
    {
        if (_switchoverRequestedAt is not { } requested || _newPrimary is not { } primary)
        {
            measurements.Set(MeasurementNames.SwitchoverWriteUnavailableSeconds, null, "no switchover was requested");
            return;
        }

        var write = SwitchoverAvailability.FirstWriteOnNewPrimary(timeline, requested, primary.ServerIdentity);
        measurements.Set(MeasurementNames.SwitchoverWriteUnavailableSeconds, write?.CompletedAt - requested,
            write is null ? $"{primary.Name} acknowledged no write after the switchover" : null);
        if (write is not null)
        {
            phases.Add(new PhaseMark(PhaseNames.SwitchoverWritesAvailable, write.CompletedAt, $"first write acknowledged by {primary.Name}"));
        }
    }

    private List<string> ExpectedAlarms(StackSpec spec) =>
        [.. spec.Alarms.Where(a => _options.AlarmMetrics.Contains(a.Metric) && a.Comparison == AlarmComparison.GreaterThan).Select(a => a.Name)];

    private static string MetricName(AlarmMetric metric) => JsonNamingPolicy.CamelCase.ConvertName(metric.ToString());
}
