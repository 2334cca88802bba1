using Resilience.LocalCluster.Internal.Clients;

namespace Resilience.LocalCluster.Internal.Supervision.Jobs;

/// <summary>
/// Releases a lost primary's leader lock at once, as Aurora promotes on instance loss, instead of letting
/// writes wait for the lock's ttl. Runs before <see cref="HealJob"/> removes the lost member.
/// </summary>
/// <remarks>
/// The machine is gone (its processes are dead, what is left is killed first), so its lock protects nothing.
/// Compare-and-delete: a lock another member already holds is left alone. A hung (frozen) member is not lost
/// and keeps Patroni's ttl-based detection. <c>up --patroni-failover-only</c> turns this job's effect off.
/// </remarks>
internal sealed class LeaderLockReleaseJob(ClusterEnvironment env, MemberRemoval removal, EventLog events) : ISupervisorJob
{
    public string Name => "leader-lock-release";

    public async Task RunAsync(SupervisorTick tick, CancellationToken ct)
    {
        var state = tick.State;
        if (!state.FastFailoverOnMachineLoss)
        {
            return;
        }

        var host = new MemberHost(env, state);
        foreach (var m in state.Members.Where(m => MemberRemoval.IsLost(host, m)).ToList())
        {
            await removal.ForceDownAsync(state, m.Slot, ct);
            await host.KillAsync(m, ct); // the lock is released only once nothing of the old primary can still write
            if (await EtcdClient.DeleteIfValueAsync(env.Ports.EtcdClient, EtcdClient.LeaderKey(state.Scope), m.Name, ct))
            {
                events.Record("leader-released", m.Name, m.Group, "the lost primary's leader lock was released so the synchronous standby takes over now");
            }
        }
    }
}
