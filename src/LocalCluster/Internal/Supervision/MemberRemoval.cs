using Resilience.LocalCluster.Internal.Clients;
using Resilience.LocalCluster.Internal.Config;
using Resilience.LocalCluster.Internal.State;

namespace Resilience.LocalCluster.Internal.Supervision;

/// <summary>Takes a member out (lost, or above its group's desired count): out of both endpoints first, then its processes, Patroni's view, its files, the state.</summary>
internal sealed class MemberRemoval(ClusterEnvironment env, InfraHost infra, EventLog events, CrashRestarts restarts)
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

    /// <summary>A lost member: killed by <c>kill</c>, or its processes and data directory are gone (a frozen member is hung, not lost).</summary>
    public static bool IsLost(MemberHost host, MemberRecord m) =>
        !m.Removing && (m.Lost || (!m.Frozen && host.Patroni(m) is null && !host.HasData(m)));

    /// <summary>
    /// Takes the member in <paramref name="slot"/> out of both HAProxy backends at once (before anything else about it
    /// changes), its sessions cut. A write backend that follows the leader lock has no checks: its server goes to
    /// maintenance, from which only <see cref="Routing.WriteEndpointRouter"/> takes it, for the lock's holder.
    /// </summary>
    public async Task ForceDownAsync(ClusterState state, int slot, CancellationToken ct)
    {
        var server = HaproxyConfig.ServerName(slot);
        await infra.Runtime.ForceDownAsync(HaproxyConfig.ReadBackend, server, ct);
        if (state.WriteFromLeaderKey)
        {
            await infra.Runtime.MaintenanceAsync(HaproxyConfig.WriteBackend, server, ct);
        }
        else
        {
            await infra.Runtime.ForceDownAsync(HaproxyConfig.WriteBackend, server, ct);
        }
    }

    /// <summary>Removes a lost member: whatever is left of it is killed (its leader lock was released by <see cref="MachineLoss.MachineLossReaction"/>).</summary>
    public async Task RemoveLostAsync(ClusterState state, MemberRecord m, CancellationToken ct)
    {
        events.Record("member-lost", m.Name, m.Group, m.Lost ? "killed (machine loss)" : "its processes and data directory are gone");
        await ForceDownAsync(state, m.Slot, ct);
        await new MemberHost(env, state).KillAsync(m, ct);
        await ForgetAsync(state, m, ct);
    }

    /// <summary>Removes a member the group no longer needs: marked removing, stopped gracefully, then forgotten.</summary>
    public async Task RemoveExtraAsync(ClusterState state, MemberRecord m, CancellationToken ct)
    {
        await env.Store.UpdateAsync(s => s.Find(m.Name)!.Removing = true, ct);
        events.Record("member-removing", m.Name, m.Group, $"group {m.Group} is above its desired count");
        await ForceDownAsync(state, m.Slot, ct);
        await new MemberHost(env, state).StopAsync(m, StopGrace, ct);
        await ForgetAsync(state, m, ct);
    }

    private async Task ForgetAsync(ClusterState state, MemberRecord m, CancellationToken ct)
    {
        await EtcdClient.DeleteAsync(env.Ports.EtcdClient, EtcdClient.MemberKey(state.Scope, m.Name), ct);
        new MemberHost(env, state).DeleteFiles(m);
        await env.Store.UpdateAsync(s => s.Members.RemoveAll(x => x.Name == m.Name), ct);
        restarts.Forget(m.Name);
        events.Record("member-removed", m.Name, m.Group, "out of HAProxy, Patroni's view and the disk");
    }
}
