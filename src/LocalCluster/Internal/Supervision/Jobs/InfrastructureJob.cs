namespace Resilience.LocalCluster.Internal.Supervision.Jobs;

/// <summary>Keeps etcd and HAProxy running: starts whichever is not.</summary>
internal sealed class InfrastructureJob(ClusterEnvironment env, InfraHost infra, EventLog events) : ISupervisorJob
{
    public string Name => "infrastructure";

    public async Task RunAsync(SupervisorTick tick, CancellationToken ct)
    {
        if (infra.Etcd is null)
        {
            var etcd = await infra.StartEtcdAsync(ct);
            events.Record("etcd-started", null, null, $"pid {etcd.Pid}, 127.0.0.1:{env.Ports.EtcdClient}");
        }

        if (infra.Haproxy is null)
        {
            var haproxy = await infra.StartHaproxyAsync(tick.State, ct);
            events.Record("haproxy-started", null, null, $"pid {haproxy.Pid}, write 127.0.0.1:{env.Ports.Write}, read 127.0.0.1:{env.Ports.Read}");
        }
    }
}
