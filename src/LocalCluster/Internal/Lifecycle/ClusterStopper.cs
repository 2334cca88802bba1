using Resilience.LocalCluster.Internal.Ports;
using Resilience.LocalCluster.Internal.Processes;
using Resilience.LocalCluster.Internal.State;
using Resilience.LocalCluster.Internal.Status;
using Resilience.LocalCluster.Internal.Supervision;
using Resilience.Topology.Time;

namespace Resilience.LocalCluster.Internal.Lifecycle;

/// <summary><c>down</c>: stops every process of the stack by the pids in its state directory, then checks nothing is left.</summary>
internal sealed class ClusterStopper(ClusterEnvironment env, TextWriter? progress)
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(15);

    /// <summary>Stops everything; keeps the state (data, logs, secrets) when <paramref name="keepState"/>.</summary>
    public async Task StopAsync(bool keepState, CancellationToken ct)
    {
        var time = env.Time;
        if (PidFile.ReadAlive(env.Layout.SupervisorPid) is { } supervisor)
        {
            // First, so it does not replace the members being stopped.
            await ProcessSignals.StopAsync(supervisor, TimeSpan.FromSeconds(10), time, ct);
        }

        var state = env.Store.TryLoad();
        if (state is not null)
        {
            var host = new MemberHost(env, state);
            foreach (var m in state.Members)
            {
                host.Thaw(m);
            }

            if (keepState)
            {
                // Replicas first, the leader last: no failover while stopping, and the leader's shutdown checkpoint is the last word.
                var live = state.Members.Select(m => new LiveMember(m, host.Patroni(m), host.Probe(m), null)).ToList();
                var leader = (await new StatusCollector(env).PatroniViewAsync(live, ct))?.Leader?.Name;
                await Task.WhenAll(state.Members.Where(m => m.Name != leader).Select(m => host.StopAsync(m, Grace, ct)));
                foreach (var m in state.Members.Where(m => m.Name == leader))
                {
                    await host.StopAsync(m, Grace, ct);
                }
            }
            else
            {
                await Task.WhenAll(state.Members.Select(m => host.KillAsync(m, ct)));
            }
        }

        foreach (var pidFile in new[] { env.Layout.HaproxyPid, env.Layout.EtcdPid })
        {
            if (PidFile.ReadAlive(pidFile) is { } handle)
            {
                await ProcessSignals.StopAsync(handle, TimeSpan.FromSeconds(5), time, ct);
            }
        }

        var strays = Sweep();
        if (strays.Count > 0)
        {
            progress?.WriteLine($"stopped {strays.Count} process(es) of this stack not found through pid files: {string.Join(", ", strays.Select(s => s.Pid))}");
            await ProcessSignals.EnsureGoneAsync(strays, $"stack {env.Spec.StackName}", time, ct);
        }

        // down returns only when every process it owns is gone and every port of the stack is free.
        await WaitPortsClosedAsync(ct);
        if (keepState)
        {
            if (state is not null)
            {
                await env.Store.UpdateAsync(s =>
                {
                    s.Stopped = true;
                    s.Members.ForEach(m => m.Frozen = false);
                    return true;
                }, ct);
            }
        }
        else
        {
            RemoveStateDirectory(env.Layout.Root);
        }
    }

    /// <summary>
    /// Removes a state directory so that an interruption cannot leave half of one behind (a later up would
    /// mistake it for a stack to restart): one rename first, then the slow recursive delete of the renamed folder.
    /// Also removes what earlier interrupted deletions left.
    /// </summary>
    public static void RemoveStateDirectory(string root)
    {
        var parent = Path.GetDirectoryName(root.TrimEnd('/'))!;
        var name = Path.GetFileName(root.TrimEnd('/'));
        if (Directory.Exists(root))
        {
            Directory.Move(root, Path.Combine(parent, $".{name}.deleting-{Guid.NewGuid():N}"));
        }

        if (Directory.Exists(parent))
        {
            foreach (var debris in Directory.EnumerateDirectories(parent, $".{name}.deleting-*"))
            {
                Supervision.MemberHost.DeleteTree(debris);
            }
        }
    }

    /// <summary>
    /// The safety net behind the pid files: any process whose command line names this stack's state directory
    /// (every process we start does: config, data or log path) is killed with its tree. Never matches by name.
    /// </summary>
    internal IReadOnlyList<ProcessHandle> Sweep()
    {
        var marker = env.Layout.Root.TrimEnd('/') + "/";
        var self = Environment.ProcessId;
        var roots = ProcFs.All()
            .Where(p => !p.HasExited && p.Pid != self && ProcFs.CommandLine(p.Pid).Any(a => a.Contains(marker, StringComparison.Ordinal) || a == env.Layout.Root))
            .Select(p => p.Pid)
            .ToList();
        return roots.Count == 0 ? [] : ProcessSignals.KillTrees(roots);
    }

    private async Task WaitPortsClosedAsync(CancellationToken ct)
    {
        var ports = env.Ports.FixedPortPurposes().Concat(Enumerable.Range(0, env.Ports.SlotCount).SelectMany(env.Ports.SlotPortPurposes)).ToList();
        List<(int Port, string Purpose)> open = [];
        if (!await Poll.UntilAsync(
            _ =>
            {
                var listening = PortAvailability.ListeningPorts();
                open = ports.Where(p => listening.Contains(p.Port)).ToList();
                return Task.FromResult(open.Count == 0);
            },
            TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100), env.Time, ct))
        {
            var first = open[0];
            throw new LocalClusterException(
                $"port {first.Port} ({first.Purpose}) still listens after down, held by {PortAvailability.DescribeHolder(first.Port) ?? "an unknown process"}; it was not started by this stack's pid files",
                LocalClusterException.Failed);
        }
    }
}
