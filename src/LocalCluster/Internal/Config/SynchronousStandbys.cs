using Resilience.Topology;

namespace Resilience.LocalCluster.Internal.Config;

/// <summary>
/// How many standbys Patroni keeps synchronous (<c>synchronous_node_count</c>), derived from the spec.
/// In synchronous mode Patroni promotes only a member listed as synchronous, and Patroni 3.0.2 has no quorum
/// commit (<c>ANY n</c> arrives in 4.0): every commit waits for each listed standby. To survive the loss of
/// one replica together with the primary, two standbys must hold every acknowledged write, so one of them
/// is still there to promote. More than two would make every commit wait for more standbys (and every one of
/// their losses stall commits until Patroni drops it) without covering a fault the stack promises to survive.
/// </summary>
internal static class SynchronousStandbys
{
    /// <summary>Replica losses, together with the primary's, after which a replica with every acknowledged write must remain.</summary>
    public const int ToleratedReplicaLosses = 1;

    /// <summary>
    /// The count for <paramref name="spec"/>: <see cref="ToleratedReplicaLosses"/> + 1, bounded by the most
    /// replicas the spec allows (Patroni in non-strict mode makes every streaming standby synchronous while
    /// there are fewer, so scaling out later raises the protection without a configuration change). At least 1.
    /// </summary>
    public static int For(StackSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var maxReplicas = spec.ReplicaGroups.Sum(g => g.Size.Max);
        return Math.Max(1, Math.Min(ToleratedReplicaLosses + 1, maxReplicas));
    }
}
