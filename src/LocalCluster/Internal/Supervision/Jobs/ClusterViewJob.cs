using Resilience.LocalCluster.Internal.Status;

namespace Resilience.LocalCluster.Internal.Supervision.Jobs;

/// <summary>Asks Patroni who leads (for the jobs after it) and resets the crash backoff of members that run again.</summary>
internal sealed class ClusterViewJob(ClusterEnvironment env, CrashRestarts restarts) : ISupervisorJob
{
    public string Name => "cluster-view";

    public async Task RunAsync(SupervisorTick tick, CancellationToken ct)
    {
        var state = tick.State;
        var host = new MemberHost(env, state);
        var live = state.Members.Select(m => new LiveMember(m, host.Patroni(m), host.Probe(m), null)).ToList();
        var view = await new StatusCollector(env).PatroniViewAsync(live, ct);
        tick.Leader = view?.Leader is { IsRunning: true } l ? l.Name : null;
        foreach (var m in state.Members.Where(m => view?.Find(m.Name)?.IsRunning == true))
        {
            restarts.Running(m.Name);
        }
    }
}
