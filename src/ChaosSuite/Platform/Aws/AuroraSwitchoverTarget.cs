using Resilience.AwsControlPlane;

namespace Resilience.ChaosSuite.Platform.Aws;

/// <summary>
/// Where a planned switchover on Aurora goes (FailoverDBCluster's TargetDBInstanceIdentifier): the requested reader
/// when it is warm, or, when the request names the writer, the warm reader of the highest promotion tier (the lowest
/// number: the tier-0 reader is the one cluster cache management keeps warm for this), then by name.
/// </summary>
internal static class AuroraSwitchoverTarget
{
    /// <summary>The target instance, or a one-line refusal.</summary>
    /// <exception cref="PlatformException">No warm reader may take over, or the requested one is not warm.</exception>
    public static string Choose(AuroraControlPlaneRead read, string requested)
    {
        ArgumentNullException.ThrowIfNull(read);
        var writer = read.Cluster.Writer?.InstanceIdentifier
            ?? throw new PlatformException($"cluster {read.Cluster.Identifier} reports no writer (failing over?); a switchover needs one to hand over");
        var warm = read.WarmReaders?.StaticMembers.ToHashSet(StringComparer.Ordinal) ?? [];
        bool Eligible(DbInstance i) => i.Identifier != writer && i.Status == "available" && !i.HasPendingModifications && warm.Contains(i.Identifier);
        if (requested != writer)
        {
            var named = read.Instances.FirstOrDefault(i => i.Identifier == requested)
                ?? throw new PlatformException($"instance {requested} is not in cluster {read.Cluster.Identifier}");
            return Eligible(named) ? named.Identifier
                : throw new PlatformException($"reader {requested} cannot take over without a cold start: only an available reader in the warm-readers endpoint may ({named.Status}{(warm.Contains(requested) ? "" : ", not in the warm-readers endpoint")}); name the writer to let the platform choose");
        }

        var tiers = read.Cluster.Members.ToDictionary(m => m.InstanceIdentifier, m => m.PromotionTier, StringComparer.Ordinal);
        return read.Instances.Where(Eligible)
            .OrderBy(i => i.PromotionTier ?? tiers.GetValueOrDefault(i.Identifier) ?? int.MaxValue)
            .ThenBy(i => i.Identifier, StringComparer.Ordinal)
            .FirstOrDefault()?.Identifier
            ?? throw new PlatformException($"cluster {read.Cluster.Identifier} has no available reader in the warm-readers endpoint to switch over to; wait until the gate controller admits one");
    }
}
