using Resilience.LocalCluster.Internal.Clients;
using Resilience.LocalCluster.Internal.Config;

namespace Resilience.LocalCluster.Internal.Routing;

/// <summary>
/// The write endpoint's rule when it follows the leader lock: writes go to the member holding Patroni's leader lock
/// once its PostgreSQL is out of recovery, and to no other member, ever. Pure: the facts are passed in.
/// </summary>
/// <remarks>
/// The lock is Patroni's own authority on who may be primary (a primary that cannot renew it demotes itself), so
/// following it never routes writes to a member Patroni does not let write; the "out of recovery" check keeps writes
/// away from a lock holder that is still promoting. The holder is never taken out by this rule while it holds the
/// lock (a primary that answers slowly is still the primary): only losing the lock takes it out.
/// </remarks>
internal static class WriteRouting
{
    /// <summary>The changes that make <paramref name="writeServers"/> (the write backend's rows) follow the rule.</summary>
    /// <param name="leaderSlot">The slot of the member named by the leader lock; null when no member holds it.</param>
    /// <param name="leaderWritable">True once that member's PostgreSQL was seen out of recovery in its current term.</param>
    /// <param name="writeServers">The write backend's servers as HAProxy reports them.</param>
    public static WriteRoutingChange Plan(int? leaderSlot, bool leaderWritable, IEnumerable<HaproxyServerState> writeServers)
    {
        var takeOut = new List<int>();
        int? putIn = null;
        foreach (var server in writeServers)
        {
            if (HaproxyConfig.SlotOf(server.Server) is not { } slot)
            {
                continue;
            }

            if (slot == leaderSlot)
            {
                if (leaderWritable && !server.IsRouting)
                {
                    putIn = slot;
                }
            }
            else if (!server.IsInMaintenance)
            {
                takeOut.Add(slot);
            }
        }

        return new WriteRoutingChange(takeOut, putIn);
    }
}

/// <summary>What to change in the write backend: servers to put in maintenance (first), and the one to put in.</summary>
/// <param name="TakeOut">Slots whose servers go to maintenance with their sessions cut.</param>
/// <param name="PutIn">The leader's slot when it must start taking writes.</param>
internal sealed record WriteRoutingChange(IReadOnlyList<int> TakeOut, int? PutIn)
{
    /// <summary>True when nothing changes.</summary>
    public bool IsEmpty => TakeOut.Count == 0 && PutIn is null;
}
