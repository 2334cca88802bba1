namespace Resilience.HealthProbes.Gate;

/// <summary>What the member is, as last observed.</summary>
public enum MemberRole
{
    /// <summary>Not known: the database did not answer.</summary>
    Unknown,

    /// <summary>Writable: not in recovery.</summary>
    Primary,

    /// <summary>In recovery (a standby).</summary>
    Replica,
}

/// <summary>Whether the member streams from the primary that Patroni reports as leader.</summary>
public enum LeaderCheck
{
    /// <summary>No Patroni URL was given: any sender counts as the current primary.</summary>
    NotChecked,

    /// <summary>The WAL sender is the leader Patroni reports.</summary>
    Matches,

    /// <summary>The WAL sender is not the leader Patroni reports.</summary>
    Mismatch,

    /// <summary>Patroni did not answer, or reports no leader.</summary>
    Unknown,
}

/// <summary>The observed state the gate decides on; one value per observation.</summary>
/// <param name="Answered">The database answered within the probe timeout.</param>
/// <param name="Problem">Why it did not answer, or why the leader is unknown / mismatched (for the reason text).</param>
/// <param name="Role">Primary or replica.</param>
/// <param name="Streaming">The WAL receiver's status is <c>streaming</c>.</param>
/// <param name="Leader">Whether the sender is the current primary.</param>
/// <param name="ReplayLagSeconds">
/// The replica's own estimate of its replay lag (<see cref="Probes.ReplayLagEstimator"/>: seconds since the last replayed
/// transaction, corrected for an idle primary), read on the replica; null when it cannot be estimated. This is the lag
/// the gate uses. The replicaLagSeconds alarm uses another one: the primary's <c>pg_stat_replication.replay_lag</c>,
/// the largest over all replicas (LocalCluster's MetricsSampler), like Aurora's AuroraReplicaLag seen from the writer.
/// </param>
/// <param name="WarmupComplete">The warm-up finished for this data directory.</param>
/// <param name="WarmupSummary">The warm-up's progress as one phrase, e.g. <c>warming: 41% of 2.1 GB</c>.</param>
public sealed record GateInput(
    bool Answered,
    string? Problem,
    MemberRole Role,
    bool Streaming,
    LeaderCheck Leader,
    double? ReplayLagSeconds,
    bool WarmupComplete,
    string WarmupSummary);
