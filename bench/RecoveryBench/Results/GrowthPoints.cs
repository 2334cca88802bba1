using Resilience.Bench.Statistics;

namespace Resilience.Bench.Results;

/// <summary>Replacement and warm-up at one database size, next to the physical floor: a plain sequential copy of the same data.</summary>
/// <param name="TargetGb">The size asked for.</param>
/// <param name="PgbenchScale">pgbench's scale factor used to reach it.</param>
/// <param name="DataBytes">Bytes of the primary's data directory that a replica needs (without <c>pg_wal</c>), as copied.</param>
/// <param name="ReplacementSeconds">replacementSeconds of replica-hardware-failure at this size.</param>
/// <param name="WarmupSeconds">warmupSeconds of the same runs.</param>
/// <param name="CopySeconds">The plain sequential copy of the data directory on the same disk, once per run.</param>
/// <param name="ReplacementToCopy">Median replacement / median copy.</param>
/// <param name="ReplacementBoundSeconds">The figure to reach: 1.5 x median copy + 10 s.</param>
public sealed record SizePoint(
    double TargetGb,
    int PgbenchScale,
    long DataBytes,
    Summary ReplacementSeconds,
    Summary WarmupSeconds,
    Summary CopySeconds,
    double? ReplacementToCopy,
    double? ReplacementBoundSeconds);

/// <summary>Write unavailability of a primary loss at one write rate.</summary>
/// <param name="TargetWritesPerSecond">The workload's write rate.</param>
/// <param name="AchievedWritesPerSecond">Acknowledged writes per second before the fault, as measured (a 2-core machine may not reach the target).</param>
/// <param name="WriteUnavailableSeconds">writeUnavailableSeconds of primary-failure.</param>
/// <param name="LostWrites">lostWrites of the same runs.</param>
/// <param name="FailedWrites">failedWrites of the same runs.</param>
public sealed record RatePoint(int TargetWritesPerSecond, Summary AchievedWritesPerSecond, Summary WriteUnavailableSeconds, Summary LostWrites, Summary FailedWrites);

/// <summary>Reader removal of a replica loss with one replica count.</summary>
/// <param name="Replicas">Replicas in the group.</param>
/// <param name="ReaderRemovalSeconds">readerRemovalSeconds of replica-hardware-failure.</param>
/// <param name="FailedReads">failedReads of the same runs.</param>
/// <param name="ColdReads">coldReads of the same runs.</param>
public sealed record ReplicaPoint(int Replicas, Summary ReaderRemovalSeconds, Summary FailedReads, Summary ColdReads);

/// <summary>Every growth series that was run (an empty list for a series that was skipped).</summary>
/// <param name="Sizes">By database size.</param>
/// <param name="Rates">By write rate.</param>
/// <param name="Replicas">By replica count.</param>
public sealed record GrowthResults(IReadOnlyList<SizePoint> Sizes, IReadOnlyList<RatePoint> Rates, IReadOnlyList<ReplicaPoint> Replicas)
{
    /// <summary>By synchronous_node_count (empty when that series was skipped).</summary>
    public IReadOnlyList<SynchronousPoint> Synchronous { get; init; } = [];

    /// <summary>By database size, the restore drills (empty when that series was skipped).</summary>
    public IReadOnlyList<RestorePoint> Restores { get; init; } = [];

    /// <summary>No growth series.</summary>
    public static GrowthResults None { get; } = new([], [], []);
}

/// <summary>One synchronous_node_count of the synchronous-standbys series (replica-hardware-failure).</summary>
/// <param name="Standbys">synchronous_node_count.</param>
/// <param name="CommitLatencyP50Ms">Median write (commit) latency in the steady workload before the fault.</param>
/// <param name="CommitLatencyP99Ms">99th percentile of the same.</param>
/// <param name="WriteStallSeconds">Longest gap between acknowledged writes after the replica's loss.</param>
/// <param name="LostWrites">Acknowledged writes missing.</param>
public sealed record SynchronousPoint(int Standbys, Summary CommitLatencyP50Ms, Summary CommitLatencyP99Ms, Summary WriteStallSeconds, Summary LostWrites);

/// <summary>The restore drills at one database size, next to the sequential-copy floor of the same data on the same disk.</summary>
/// <param name="TargetGb">The size asked for.</param>
/// <param name="DataBytes">Bytes of the primary's data directory, as copied for the floor.</param>
/// <param name="BackupSeconds">The full backup taken before the drills (pgBackRest, lz4, process-max = cores).</param>
/// <param name="CopySeconds">The plain sequential copy of the data directory on the same disk.</param>
/// <param name="TableRestoreSeconds">restoreSeconds of table-corruption: fault to the table repaired from a point-in-time copy of the whole database.</param>
/// <param name="ClusterRestoreSeconds">restoreSeconds of cluster-loss: every member lost to the first write acknowledged by the restored stack.</param>
/// <param name="RecoveryPointSeconds">recoveryPointSeconds of cluster-loss.</param>
public sealed record RestorePoint(double TargetGb, long DataBytes, Summary BackupSeconds, Summary CopySeconds, Summary TableRestoreSeconds, Summary ClusterRestoreSeconds, Summary RecoveryPointSeconds)
{
    /// <summary>Median table restore / median copy.</summary>
    public double? TableToCopy => Ratio.OfMedians(TableRestoreSeconds, CopySeconds);

    /// <summary>Median cluster restore / median copy.</summary>
    public double? ClusterToCopy => Ratio.OfMedians(ClusterRestoreSeconds, CopySeconds);
}
