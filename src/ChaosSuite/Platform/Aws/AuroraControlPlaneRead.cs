using Resilience.AwsControlPlane;

namespace Resilience.ChaosSuite.Platform.Aws;

/// <summary>One slow read of a cell: the cluster, its instances, the warm-readers endpoint and the alarms.</summary>
internal sealed record AuroraControlPlaneRead(
    DbCluster Cluster,
    IReadOnlyList<DbInstance> Instances,
    DbClusterEndpoint? WarmReaders,
    IReadOnlyList<MetricAlarm> Alarms)
{
    /// <summary>Why a fault may not be injected now (the double-fault guard's AWS half), one line, or null.</summary>
    public string? Unsettled()
    {
        if (Cluster.Status != "available")
        {
            return $"cluster {Cluster.Identifier} is {Cluster.Status}, not available";
        }

        if (Cluster.HasPendingModifications)
        {
            return $"cluster {Cluster.Identifier} has a pending modification";
        }

        return Instances.FirstOrDefault(i => i.Status != "available") is { } busy ? $"instance {busy.Identifier} is {busy.Status}, not available"
            : Instances.FirstOrDefault(i => i.HasPendingModifications) is { } pending ? $"instance {pending.Identifier} has a pending modification"
            : null;
    }
}
