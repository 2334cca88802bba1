namespace Resilience.LocalCluster.Internal.Supervision;

/// <summary>
/// One job of the supervisor (heal, reconcile, metrics, alarms...). Every tick the loop runs each registered job
/// in registration order; a job that throws is logged and backed off on its own, the others keep running.
/// </summary>
/// <remarks>To add a job: write one class implementing this, and add one <c>AddJob&lt;T&gt;()</c> line in <see cref="SupervisorHost"/>.</remarks>
internal interface ISupervisorJob
{
    /// <summary>The job's name in the supervisor's log (kebab-case, e.g. <c>leader-lock-release</c>).</summary>
    string Name { get; }

    /// <summary>Does this tick's share of the job; reads and updates <paramref name="tick"/> for the jobs after it.</summary>
    Task RunAsync(SupervisorTick tick, CancellationToken ct);
}
