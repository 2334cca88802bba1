namespace Resilience.LocalCluster.Internal.Supervision.Jobs;

/// <summary>Removes lost members; starts again in place the members whose Patroni or HealthProbes died with their data intact.</summary>
internal sealed class HealJob(ClusterEnvironment env, Tools tools, MemberRemoval removal, CrashRestarts restarts, EventLog events) : ISupervisorJob
{
    public string Name => "heal";

    public async Task RunAsync(SupervisorTick tick, CancellationToken ct)
    {
        var state = tick.State;
        var host = new MemberHost(env, state);
        foreach (var m in state.Members.Where(m => !m.Removing).ToList())
        {
            if (MemberRemoval.IsLost(host, m))
            {
                await removal.RemoveLostAsync(state, m, ct);
                continue;
            }

            if (m.Frozen)
            {
                continue;
            }

            var patroni = host.Patroni(m);
            var deadFor = restarts.DeadFor(m.Name, running: patroni is not null);

            // A crash (data intact) restarts in place, but only after a grace: a machine being lost has
            // its processes gone a moment before its data directory.
            if (patroni is null && deadFor >= LocalClusterConstants.RestartGrace && restarts.MayRestart(m.Name))
            {
                host.Prepare(m);
                var started = host.StartPatroni(m, tools.Patroni);
                events.Record("member-restarted", m.Name, m.Group, $"Patroni was not running; started again on its data directory (pid {started.Pid})");
            }

            if (patroni is not null && state.GateSource == LocalClusterConstants.GateHealthProbes && host.Probe(m) is null
                && restarts.MayRestart(CrashRestarts.ProbeKey(m.Name)))
            {
                var probe = host.StartProbe(m, tools.Dotnet);
                events.Record("probe-started", m.Name, m.Group, $"HealthProbes pid {probe?.Pid}");
            }
        }

        tick.Reload();
    }
}
