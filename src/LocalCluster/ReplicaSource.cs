namespace Resilience.LocalCluster;

/// <summary>Where a new replica's data comes from (see <see cref="LocalClusterOptions.ReplicaSource"/>).</summary>
public enum ReplicaSource
{
    /// <summary>Patroni's <c>pg_basebackup</c> from the running primary: one stream, over the primary's CPU.</summary>
    Primary,

    /// <summary>
    /// pgBackRest restores the newest backup of the stack's repository (<c>process-max</c> processes), then the replica
    /// catches up from the WAL archive and by streaming; <c>pg_basebackup</c> when the repository has no backup or the
    /// restore fails.
    /// </summary>
    Repository,
}
