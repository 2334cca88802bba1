using System.Globalization;

namespace Resilience.LocalCluster.Internal.Failover;

/// <summary>
/// Patroni 3.0.2's rule for who may be promoted when the leader lock is free, applied to what etcd and the
/// remaining members say: in synchronous mode only a member named in the <c>/sync</c> key (while that key
/// names a leader); otherwise any member within <c>maximum_lag_on_failover</c> of the leader's last recorded
/// position. When nobody qualifies Patroni waits forever, so this says why and what forcing it would lose. Pure.
/// </summary>
internal static class FailoverSafety
{
    /// <summary>The assessment, given a free leader lock; <paramref name="acceptCommand"/> renders the command for a member.</summary>
    public static FailoverAssessment Assess(DcsFailoverView dcs, IReadOnlyList<CandidatePosition> candidates, long maximumLagBytes, Func<string, string> acceptCommand)
    {
        ArgumentNullException.ThrowIfNull(dcs);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(acceptCommand);
        var best = candidates.OrderByDescending(c => c.Position ?? -1).ThenBy(c => c.Member, StringComparer.Ordinal).FirstOrDefault();
        long? behind = best?.Position is { } got && dcs.LeaderOptime is { } last ? Math.Max(0, last - got) : null;

        var bySync = dcs.SynchronousMode && dcs.SyncLeader is not null;
        var eligible = bySync
            ? candidates.Where(c => c.Member == dcs.SyncLeader || dcs.SyncStandbys.Contains(c.Member)).ToList()
            : candidates.Where(c => dcs.LeaderOptime is not { } last || c.Position is { } p && last - p <= maximumLagBytes).ToList();
        if (eligible.Count > 0)
        {
            var names = string.Join(", ", eligible.Select(c => c.Member));
            return new FailoverAssessment(true, $"failover under way: Patroni may promote {names}, which holds every acknowledged write", best?.Member, best?.Position, dcs.LeaderOptime, behind, null);
        }

        if (best is null)
        {
            return new FailoverAssessment(false, "every member was lost with the primary: no member is left to promote; the data is gone (restore from a backup: down, then up)", null, null, dcs.LeaderOptime, null, null);
        }

        var remaining = string.Join(", ", candidates.Select(c => c.Member));
        string reason;
        if (bySync)
        {
            var lost = dcs.SyncStandbys.Where(s => candidates.All(c => c.Member != s)).ToList();
            reason = lost.Count == 0
                ? $"no synchronous standby is recorded for leader {dcs.SyncLeader}, and Patroni promotes only a synchronous standby; {remaining} may lack acknowledged writes"
                : $"the synchronous standby {string.Join(", ", lost)} was lost with the primary {dcs.SyncLeader}; Patroni promotes only a synchronous standby, and {remaining} may lack acknowledged writes";
        }
        else
        {
            reason = string.Create(CultureInfo.InvariantCulture,
                $"every remaining member ({remaining}) is more than {maximumLagBytes} bytes behind the lost leader's last position (maximum_lag_on_failover)");
        }

        return new FailoverAssessment(false, "no safe failover candidate: " + reason, best.Member, best.Position, dcs.LeaderOptime, behind, acceptCommand(best.Member));
    }
}

/// <summary>Patroni's keys in etcd that decide a failover.</summary>
/// <param name="SynchronousMode">The stack runs Patroni's synchronous_mode.</param>
/// <param name="SyncLeader">The leader named in the <c>/sync</c> key, or null (no key, or it names none).</param>
/// <param name="SyncStandbys">The standbys the <c>/sync</c> key lists.</param>
/// <param name="LeaderOptime">The <c>/status</c> key's <c>optime</c>: the leader's last recorded WAL position.</param>
internal sealed record DcsFailoverView(bool SynchronousMode, string? SyncLeader, IReadOnlyList<string> SyncStandbys, long? LeaderOptime);

/// <summary>A member whose Patroni answers, with the most WAL it has (received or replayed).</summary>
internal sealed record CandidatePosition(string Member, long? Position);
