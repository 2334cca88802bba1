namespace Resilience.AwsControlPlane;

/// <summary>
/// The RDS operations of an Aurora point-in-time restore drill, beside <see cref="IAwsControlPlane"/> (whose
/// DescribeDBClusters and DescribeDBInstances watch the copy come up): RestoreDBClusterToPointInTime creates only
/// a cluster, so an instance is created in it, and both are deleted afterwards (Aurora user guide, aurora-pitr).
/// Every method throws <see cref="AwsControlPlaneException"/> with a one-line message on failure; its
/// <see cref="AwsControlPlaneException.ErrorCode"/> carries RDS's fault name (<c>DBClusterNotFoundFault</c>...).
/// </summary>
public interface IAuroraRestoreControlPlane : IDisposable
{
    /// <summary>DescribeDBClusters of one cluster, read for a restore.</summary>
    Task<AuroraRestoreSource> DescribeRestoreSourceAsync(string clusterIdentifier, CancellationToken cancellationToken);

    /// <summary>RestoreDBClusterToPointInTime.</summary>
    Task RestoreDbClusterToPointInTimeAsync(AuroraPointInTimeRestoreRequest request, CancellationToken cancellationToken);

    /// <summary>CreateDBInstance in cluster <paramref name="clusterIdentifier"/> (an Aurora instance takes its storage and settings from the cluster).</summary>
    Task CreateDbInstanceAsync(string instanceIdentifier, string clusterIdentifier, string instanceClass, string engine, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken);

    /// <summary>DeleteDBInstance (an Aurora instance has no final snapshot of its own).</summary>
    Task DeleteDbInstanceAsync(string instanceIdentifier, CancellationToken cancellationToken);

    /// <summary>DeleteDBCluster with SkipFinalSnapshot: the copy is temporary.</summary>
    Task DeleteDbClusterAsync(string clusterIdentifier, CancellationToken cancellationToken);
}
