using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Verdicts;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Scenarios.PrimaryFailure;

/// <summary>
/// The primary's machine is lost. A replica must be promoted, the write endpoint must follow, no
/// acknowledged write may be lost (synchronous replication), and the group must replace the member
/// it gave up to become primary.
/// </summary>
internal sealed class PrimaryFailureScenario : ChaosScenario
{
    private readonly PrimaryFailureOptions _options;
    private NoPrimaryStop? _noPrimary;

    /// <summary>Creates the scenario.</summary>
    public PrimaryFailureScenario(PrimaryFailureOptions? options = null) => _options = options ?? new PrimaryFailureOptions();

    /// <inheritdoc />
    public override string Name => PrimaryFailureConstants.Name;

    /// <inheritdoc />
    public override string Summary => "the primary machine is lost: a replica is promoted, writes resume, nothing acknowledged is lost";

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
        TimeSpan.FromSeconds(spec.RecoveryTargets.ReplacementSeconds) + _options.RecoveryGrace + _options.HardDeadlineMargin;

    /// <inheritdoc />
    public override string? Precondition(StackSpec spec, ClusterObservation observation) =>
        observation.WarmRoutedReplicas == 0 ? "no warm replica to promote" : null;

    /// <inheritdoc />
    public override IReadOnlyList<string> Plan(StackSpec spec, ClusterObservation? observation)
    {
        var targets = spec.RecoveryTargets;
        return
        [
            $"lose the primary's machine{(observation?.Primary is { } p ? $" (now: {p.Name})" : "")}",
            $"wait for a replica to be promoted and a write to be acknowledged (writeUnavailableSeconds <= {Judge.Format(MeasurementNames.WriteUnavailableSeconds, targets.WriteUnavailableSeconds)})",
            $"wait for every group to be back at its desired count of warm members (replacementSeconds <= {Judge.Format(MeasurementNames.ReplacementSeconds, targets.ReplacementSeconds)})",
            $"check every acknowledged write on the new primary (lostWrites <= {targets.LostWrites}); failedWrites <= {targets.FailedWrites}",
        ];
    }

    /// <inheritdoc />
    public override async Task RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var targets = context.Spec.RecoveryTargets;
        _noPrimary = new NoPrimaryStop(Math.Max(targets.WriteUnavailableSeconds, 5) * _options.NoPrimaryStopFactor);
        var victim = context.Latest.Primary ?? throw new PlatformException("no primary to lose");

        context.Info($"killing primary {victim.Name} (answers as {victim.ServerIdentity})");
        var firstIdAfter = context.Workload.NextWriteId;
        await context.InjectAsync($"primary {victim.Name} lost ({context.Platform.Capabilities.Describe(FaultKind.MachineLoss)})", FaultKind.MachineLoss, victim, expectedFailovers: 1, cancellationToken);

        var writeWait = TimeSpan.FromSeconds(targets.WriteUnavailableSeconds) + _options.RecoveryGrace;
        await ScenarioWaits.ConditionAsync(context, "a new primary was elected", o => o.Primary is { } p && p.Name != victim.Name, writeWait, cancellationToken);
        await ScenarioWaits.FirstWriteAfterFaultAsync(context, firstIdAfter, writeWait, cancellationToken);
        await ScenarioWaits.ConditionAsync(context, "every group back at desired count, warm, in the read endpoint",
            o => GroupRecovery.IsRecovered(o, victim.IncarnationKey, context.DesiredByGroup),
            TimeSpan.FromSeconds(targets.ReplacementSeconds) + _options.RecoveryGrace, cancellationToken);
    }

    /// <inheritdoc />
    public override string? SafetyStop(ScenarioContext context, ClusterObservation observation) =>
        _noPrimary?.Check(observation, context?.Clock.Now ?? 0);
}
