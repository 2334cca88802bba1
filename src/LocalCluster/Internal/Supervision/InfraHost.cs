using Resilience.LocalCluster.Internal.Clients;
using Resilience.LocalCluster.Internal.Config;
using Resilience.LocalCluster.Internal.Processes;
using Resilience.LocalCluster.Internal.State;
using Resilience.Topology.Time;

namespace Resilience.LocalCluster.Internal.Supervision;

/// <summary>The stack's shared processes: etcd (Patroni's store) and HAProxy (the two endpoints).</summary>
internal sealed class InfraHost(ClusterEnvironment env, Tools tools)
{
    public ProcessHandle? Etcd => PidFile.ReadAlive(env.Layout.EtcdPid);

    public ProcessHandle? Haproxy => PidFile.ReadAlive(env.Layout.HaproxyPid);

    public HaproxyRuntime Runtime => new(env.Layout.HaproxySocket);

    /// <summary>Starts etcd on loopback and waits until it answers.</summary>
    public async Task<ProcessHandle> StartEtcdAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(env.Layout.EtcdData);
        File.SetUnixFileMode(env.Layout.EtcdData, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var handle = ProcessLauncher.Start(new LaunchSpec(
            tools.Etcd,
            EtcdCommand.Arguments(env.Layout.EtcdData, env.Ports.EtcdClient, env.Ports.EtcdPeer),
            env.Layout.EtcdLog)
        {
            CleanEnvironment = true,
            WorkingDirectory = env.Layout.EtcdDir,
        });
        PidFile.Write(env.Layout.EtcdPid, handle);
        var healthy = await Poll.UntilAsync(
            async c => await EtcdClient.IsHealthyAsync(env.Ports.EtcdClient, c)
                || (handle.IsAlive ? false : throw new LocalClusterException($"etcd exited at start; see {env.Layout.EtcdLog}")),
            TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(100), env.Time, ct);
        return healthy ? handle : throw new LocalClusterException($"etcd did not become healthy within 20 s; see {env.Layout.EtcdLog}");
    }

    /// <summary>Writes haproxy.cfg with every server DOWN and starts HAProxy in the foreground (its own pid).</summary>
    public async Task<ProcessHandle> StartHaproxyAsync(ClusterState state, CancellationToken ct)
    {
        Directory.CreateDirectory(env.Layout.HaproxyDir);
        var config = new HaproxyConfig(
            env.Ports,
            state.Haproxy,
            state.GateSource,
            env.Layout.HaproxySocket,
            env.Layout.HaproxyServerState,
            env.Spec.Endpoints.WriteName,
            env.Spec.Endpoints.ReadName,
            state.WriteFromLeaderKey);
        await File.WriteAllTextAsync(env.Layout.HaproxyConfig, config.Render(), ct);
        await File.WriteAllTextAsync(env.Layout.HaproxyServerState, config.RenderDownServerState(), ct);
        if (File.Exists(env.Layout.HaproxySocket))
        {
            File.Delete(env.Layout.HaproxySocket);
        }

        var handle = ProcessLauncher.Start(new LaunchSpec(tools.Haproxy, ["-db", "-f", env.Layout.HaproxyConfig], env.Layout.HaproxyLog)
        {
            CleanEnvironment = true,
            WorkingDirectory = env.Layout.HaproxyDir,
        });
        PidFile.Write(env.Layout.HaproxyPid, handle);
        var open = await Poll.UntilAsync(
            async c => await Runtime.ServersAsync(c) is not null
                || (handle.IsAlive ? false : throw new LocalClusterException($"haproxy exited at start; see {env.Layout.HaproxyLog}")),
            TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50), env.Time, ct);
        return open ? handle : throw new LocalClusterException($"haproxy did not open its admin socket within 10 s; see {env.Layout.HaproxyLog}");
    }
}
