using Resilience.LocalCluster.Internal.Status;

namespace Resilience.LocalCluster.Internal.Supervision.Jobs;

/// <summary>Writes <c>supervisor-status.json</c> (per-member CPU and why the stack is not converging) for <c>status</c>, once per sample.</summary>
internal sealed class ReportJob(ClusterEnvironment env) : ISupervisorJob
{
    public string Name => "report";

    public Task RunAsync(SupervisorTick tick, CancellationToken ct)
    {
        if (tick.Sample is { } sample)
        {
            new SupervisorReport(tick.StartedAt, sample.MemberCpu, tick.Notes.ToList()).Write(env.Layout.SupervisorStatus);
        }

        return Task.CompletedTask;
    }
}
