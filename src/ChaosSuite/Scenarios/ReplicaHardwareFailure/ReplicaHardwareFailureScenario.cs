using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Verdicts;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Scenarios.ReplicaHardwareFailure;

/// <summary>
/// A replica's machine is lost (its processes killed, its storage gone). The read endpoint must drop it,
/// the client must not notice (retries elsewhere), and the group must replace it with a member that
/// takes reads only once warm.
/// </summary>
internal sealed class ReplicaHardwareFailureScenario : ChaosScenario
{
    private readonly ReplicaHardwareFailureOptions _options;
    private NoPrimaryStop? _noPrimary;

    /// <summary>Creates the scenario.</summary>
    public ReplicaHardwareFailureScenario(ReplicaHardwareFailureOptions? options = null) => _options = options ?? new ReplicaHardwareFailureOptions();

    /// <inheritdoc />
    public override string Name => ReplicaHardwareFailureConstants.Name;

    /// <inheritdoc />
    public override string Summary => "a replica machine is lost: the read endpoint drops it, the group replaces it with a warm member";

    /// <inheritdoc />
    public override IReadOnlyList<FaultKind> RequiredFaults { get; } = [FaultKind.MachineLoss];

    /// <inheritdoc />
    public override IReadOnlyList<string> JudgedMeasurements { get; } =
    [
        MeasurementNames.ReaderRemovalSeconds, MeasurementNames.ReplacementSeconds, MeasurementNames.WarmupSeconds,
        MeasurementNames.FailedReads, MeasurementNames.ColdReads, MeasurementNames.LostWrites, MeasurementNames.FalseFailovers,
    ];

    /// <inheritdoc />
    public override TimeSpan HardDeadline(StackSpec spec) =>
        TimeSpan.FromSeconds(spec.RecoveryTargets.ReplacementSeconds) + _options.RecoveryGrace + _options.HardDeadlineMargin;

    /// <inheritdoc />
    public override string? Precondition(StackSpec spec, ClusterObservation observation)
    {
        var group = Group(spec);
        return SteadyStateGuard.WarmReplicas(observation, group.Name) == 0 ? $"group {group.Name} has no warm replica to lose" : null;
    }

    /// <inheritdoc />
    public override IReadOnlyList<string> Plan(StackSpec spec, ClusterObservation? observation)
    {
        var group = Group(spec);
        var victim = observation is null ? null : ScenarioWaits.PickWarmReplica(observation, group.Name, new Random(0));
        var targets = spec.RecoveryTargets;
        return
        [
            $"pick a warm replica of group {group.Name}{(victim is null ? "" : $" (now: {victim.Name}, the choice follows --seed)")}",
            "lose its machine",
            $"wait for the read endpoint to stop routing to it (readerRemovalSeconds <= {Judge.Format(MeasurementNames.ReaderRemovalSeconds, targets.ReaderRemovalSeconds)})",
            $"wait for the group to be back at {group.Size.Desired} warm members in the read endpoint (replacementSeconds <= {Judge.Format(MeasurementNames.ReplacementSeconds, targets.ReplacementSeconds)})",
            "reads must not fail (the pipeline retries on the other replicas) and no read may come from a cold member",
        ];
    }

    /// <inheritdoc />
    public override async Task RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var group = Group(context.Spec);
        var targets = context.Spec.RecoveryTargets;
        _noPrimary = new NoPrimaryStop(Math.Max(targets.WriteUnavailableSeconds, 5) * ReplicaHardwareFailureConstants.NoPrimaryStopFactor);
        var victim = ScenarioWaits.PickWarmReplica(context.Latest, group.Name, context.Random)
            ?? throw new PlatformException($"group {group.Name} has no warm replica to lose");

        context.Info($"killing replica {victim.Name} (answers as {victim.ServerIdentity})");
        var fault = await context.InjectAsync($"replica {victim.Name} lost ({context.Platform.Capabilities.Describe(FaultKind.MachineLoss)})", FaultKind.MachineLoss, victim, expectedFailovers: 0, cancellationToken);
        // The platform may have hit another replica than picked (FIS chooses among a template's targets): measure that one.
        victim = context.SteadyState.Find(fault.TargetMember ?? victim.Name) ?? victim;

        await ScenarioWaits.ConditionAsync(context, $"read endpoint stopped routing to {victim.Name}",
            o => o.Find(victim.Name) is not { InReadEndpoint: true },
            TimeSpan.FromSeconds(targets.ReaderRemovalSeconds) + _options.RecoveryGrace, cancellationToken);
        await ScenarioWaits.ConditionAsync(context, $"group {group.Name} back at desired count, warm, in the read endpoint",
            o => GroupRecovery.IsRecovered(o, victim.IncarnationKey, context.DesiredByGroup),
            TimeSpan.FromSeconds(targets.ReplacementSeconds) + _options.RecoveryGrace, cancellationToken);
    }

    /// <inheritdoc />
    public override string? SafetyStop(ScenarioContext context, ClusterObservation observation) =>
        _noPrimary?.Check(observation, context?.Clock.Now ?? 0);

    private ReplicaGroupSpec Group(StackSpec spec) =>
        (_options.Group is null ? spec.ReplicaGroups.FirstOrDefault() : spec.FindGroup(_options.Group))
        ?? throw new PlatformException(_options.Group is null ? "the stack has no replica group" : $"the stack has no replica group named {_options.Group}");
}
