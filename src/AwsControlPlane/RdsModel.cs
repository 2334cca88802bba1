namespace Resilience.AwsControlPlane;

/// <summary>An Aurora cluster as DescribeDBClusters reports it (only the members the project reads).</summary>
/// <param name="Identifier">DBClusterIdentifier.</param>
/// <param name="Status">Status (<c>available</c>, <c>failing-over</c>, <c>modifying</c>...).</param>
/// <param name="Endpoint">The writer (cluster) endpoint's DNS name.</param>
/// <param name="ReaderEndpoint">The built-in reader endpoint's DNS name.</param>
/// <param name="Port">The port every endpoint listens on.</param>
/// <param name="Members">The cluster's instances with their writer flag and promotion tier.</param>
/// <param name="Tags">TagList.</param>
/// <param name="HasPendingModifications">True when PendingModifiedValues has any member.</param>
/// <param name="Arn">DBClusterArn.</param>
public sealed record DbCluster(
    string Identifier,
    string Status,
    string? Endpoint,
    string? ReaderEndpoint,
    int? Port,
    IReadOnlyList<DbClusterMember> Members,
    IReadOnlyDictionary<string, string> Tags,
    bool HasPendingModifications,
    string? Arn)
{
    /// <summary>The member that is the writer now, or null during a failover.</summary>
    public DbClusterMember? Writer => Members.FirstOrDefault(m => m.IsWriter);
}

/// <summary>One instance in a cluster (DBClusterMember).</summary>
public sealed record DbClusterMember(string InstanceIdentifier, bool IsWriter, int? PromotionTier);

/// <summary>An instance as DescribeDBInstances reports it.</summary>
/// <param name="Identifier">DBInstanceIdentifier (kept across reboots and failovers: not an identity).</param>
/// <param name="ClusterIdentifier">DBClusterIdentifier.</param>
/// <param name="Status">DBInstanceStatus (<c>available</c>, <c>rebooting</c>, <c>creating</c>...).</param>
/// <param name="InstanceClass">DBInstanceClass.</param>
/// <param name="AvailabilityZone">AvailabilityZone.</param>
/// <param name="Address">Endpoint.Address, when the instance has one.</param>
/// <param name="Port">Endpoint.Port.</param>
/// <param name="CreateTime">InstanceCreateTime: changes only when the instance is replaced.</param>
/// <param name="ResourceId">DbiResourceId: changes only when the instance is replaced.</param>
/// <param name="PromotionTier">PromotionTier.</param>
/// <param name="HasPendingModifications">True when PendingModifiedValues has any member.</param>
/// <param name="Arn">DBInstanceArn.</param>
public sealed record DbInstance(
    string Identifier,
    string? ClusterIdentifier,
    string Status,
    string? InstanceClass,
    string? AvailabilityZone,
    string? Address,
    int? Port,
    DateTimeOffset? CreateTime,
    string? ResourceId,
    int? PromotionTier,
    bool HasPendingModifications,
    string? Arn);

/// <summary>A cluster endpoint as DescribeDBClusterEndpoints reports it.</summary>
/// <param name="Identifier">DBClusterEndpointIdentifier (for built-in endpoints, the cluster's identifier).</param>
/// <param name="ClusterIdentifier">DBClusterIdentifier.</param>
/// <param name="EndpointType">EndpointType: WRITER, READER or CUSTOM.</param>
/// <param name="CustomEndpointType">CustomEndpointType: READER or ANY, for custom endpoints.</param>
/// <param name="Status">Status (<c>available</c>, <c>modifying</c>...).</param>
/// <param name="Address">Endpoint: the DNS name.</param>
/// <param name="StaticMembers">StaticMembers.</param>
/// <param name="ExcludedMembers">ExcludedMembers.</param>
public sealed record DbClusterEndpoint(
    string Identifier,
    string? ClusterIdentifier,
    string EndpointType,
    string? CustomEndpointType,
    string Status,
    string? Address,
    IReadOnlyList<string> StaticMembers,
    IReadOnlyList<string> ExcludedMembers);
