using Resilience.Topology;

namespace Resilience.Bench.Stacks;

/// <summary>How a benchmark stack differs from the stack file it is derived from.</summary>
/// <param name="PortBase">The first port (the benchmark uses 29000-29999).</param>
/// <param name="StateDir">The cluster's state directory.</param>
/// <param name="Patroni">Patroni timing.</param>
/// <param name="Haproxy">HAProxy timing.</param>
/// <param name="Replicas">Desired count of the first replica group.</param>
/// <param name="MaxReplicas">Its maximum (at least <paramref name="Replicas"/>).</param>
public sealed record BenchStackShape(int PortBase, string StateDir, PatroniTiming Patroni, HaproxyTiming Haproxy, int Replicas, int MaxReplicas)
{
    /// <summary>
    /// The recovery targets of every benchmark stack. They are not judged here (the benchmark reports figures);
    /// they only bound how long a scenario waits, so they are wide enough for the baseline's 30 s ttl and for a
    /// 4 GB replacement, and the same for both configurations.
    /// </summary>
    public static IReadOnlyDictionary<string, string> WaitTargets { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["writeUnavailableSeconds"] = "120",
        ["readerRemovalSeconds"] = "60",
        ["replacementSeconds"] = "1800",
        ["warmupSeconds"] = "1800",
    };

    /// <summary>
    /// The restore drills' waits (<c>resilience:backup.targets</c>): wide enough for a 4 GB restore, so the restore
    /// series measures rather than cuts off; the benchmark reports figures, it does not judge them.
    /// </summary>
    public static IReadOnlyDictionary<string, string> RestoreWaitTargets { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["restoreSeconds"] = "1800",
        ["recoveryPointSeconds"] = "60",
    };
}
