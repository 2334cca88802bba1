using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Pipeline;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Timeline;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Scenarios;

/// <summary>
/// One scenario. The runner does what every scenario shares (the steady-state guard, the workload,
/// sampling, rollback, the ledger, the judging); a scenario injects its fault, waits for recovery,
/// undoes what it injected and adds its own measurements.
/// </summary>
internal abstract class ChaosScenario
{
    /// <summary>The name a game-day lists.</summary>
    public abstract string Name { get; }

    /// <summary>What it does, one line.</summary>
    public abstract string Summary { get; }

    /// <summary>
    /// The faults the platform must be able to inject to host this scenario; a platform without one of them
    /// is refused before anything is injected (<see cref="ScenarioHosting"/>).
    /// </summary>
    public abstract IReadOnlyList<FaultKind> RequiredFaults { get; }

    /// <summary>
    /// Why the stack file cannot host this scenario whatever the platform (a restore drill without
    /// <c>resilience:backup</c>), as the end of a refusal line; null when it can.
    /// </summary>
    public virtual string? SpecProblem(StackSpec spec) => null;

    /// <summary>The measurements judged against the stack's targets.</summary>
    public abstract IReadOnlyList<string> JudgedMeasurements { get; }

    /// <summary>Past this the scenario is stopped and rolled back (a safety stop).</summary>
    public abstract TimeSpan HardDeadline(StackSpec spec);

    /// <summary>What the scenario would do, step by step, against <paramref name="observation"/> (null when the platform is not running).</summary>
    public abstract IReadOnlyList<string> Plan(StackSpec spec, ClusterObservation? observation);

    /// <summary>Why the fault must not be injected now (beyond the shared guard), or null.</summary>
    public virtual string? Precondition(StackSpec spec, ClusterObservation observation) => null;

    /// <summary>Changes the workload's pipeline before it is built (app-faults adds Simmy).</summary>
    public virtual void ConfigurePipeline(DatabaseClientPipelineOptions options)
    {
    }

    /// <summary>Injects the fault (through <see cref="ScenarioContext"/>'s <c>InjectAsync</c>) and waits for recovery.</summary>
    public abstract Task RunAsync(ScenarioContext context, CancellationToken cancellationToken);

    /// <summary>
    /// Undoes what the scenario did beyond platform faults (those the runner lifts itself); runs whatever
    /// happened, also after a safety stop.
    /// </summary>
    public virtual Task RollbackAsync(ScenarioContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>A reason to stop at once (checked on every observation), or null.</summary>
    public virtual string? SafetyStop(ScenarioContext context, ClusterObservation observation) => null;

    /// <summary>Adds the scenario's own measurements to the shared ones, and the phases they imply.</summary>
    public virtual void Measure(ScenarioContext context, TimelineSnapshot timeline, MeasurementSet measurements, ICollection<PhaseMark> phases)
    {
    }
}
