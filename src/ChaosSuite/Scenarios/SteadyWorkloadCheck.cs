using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Platform;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Scenarios;

/// <summary>The preflight's "scenario": the workload runs a few seconds against the steady platform and nothing is injected.</summary>
internal sealed class SteadyWorkloadCheck : ChaosScenario
{
    private readonly TimeSpan _duration;

    /// <summary>Runs the workload for <paramref name="duration"/>.</summary>
    public SteadyWorkloadCheck(TimeSpan duration) => _duration = duration;

    /// <inheritdoc />
    public override string Name => "preflight";

    /// <inheritdoc />
    public override string Summary => "the workload against the steady platform; nothing injected";

    /// <inheritdoc />
    public override IReadOnlyList<FaultKind> RequiredFaults { get; } = [];

    /// <inheritdoc />
    public override IReadOnlyList<string> JudgedMeasurements { get; } =
    [
        MeasurementNames.FailedReads, MeasurementNames.FailedWrites, MeasurementNames.ColdReads, MeasurementNames.LostWrites,
    ];

    /// <inheritdoc />
    public override TimeSpan HardDeadline(StackSpec spec) => _duration + TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public override IReadOnlyList<string> Plan(StackSpec spec, ClusterObservation? observation) =>
        [$"run the workload for {_duration.TotalSeconds:0} s; inject nothing"];

    /// <inheritdoc />
    public override Task RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.DelayAsync(_duration, cancellationToken);
    }
}
