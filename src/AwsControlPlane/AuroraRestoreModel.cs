namespace Resilience.AwsControlPlane;

/// <summary>
/// What a point-in-time restore of an Aurora cluster copies from its source (DescribeDBClusters): the restorable
/// window and the settings the temporary cluster must share, or it would land in the default VPC without the
/// source's security groups or key.
/// </summary>
/// <param name="Identifier">DBClusterIdentifier.</param>
/// <param name="Engine">Engine (<c>aurora-postgresql</c>).</param>
/// <param name="EarliestRestorableTime">EarliestRestorableTime: the start of the window, null when backups are off.</param>
/// <param name="LatestRestorableTime">LatestRestorableTime: the end of the window (usually within 5 minutes of now).</param>
/// <param name="SubnetGroup">DBSubnetGroup.</param>
/// <param name="SecurityGroupIds">VpcSecurityGroups' VpcSecurityGroupId.</param>
/// <param name="KmsKeyId">KmsKeyId of an encrypted cluster.</param>
/// <param name="ParameterGroup">DBClusterParameterGroup.</param>
/// <param name="IamAuthentication">IAMDatabaseAuthenticationEnabled.</param>
/// <param name="Port">Port.</param>
public sealed record AuroraRestoreSource(
    string Identifier,
    string Engine,
    DateTimeOffset? EarliestRestorableTime,
    DateTimeOffset? LatestRestorableTime,
    string? SubnetGroup,
    IReadOnlyList<string> SecurityGroupIds,
    string? KmsKeyId,
    string? ParameterGroup,
    bool IamAuthentication,
    int? Port);

/// <summary>A RestoreDBClusterToPointInTime request (the members the drill sets).</summary>
/// <param name="Source">The cluster restored from, with the settings the copy shares.</param>
/// <param name="ClusterIdentifier">DBClusterIdentifier of the new, temporary cluster.</param>
/// <param name="RestoreToTime">RestoreToTime, UTC.</param>
/// <param name="CopyOnWrite">RestoreType: <c>copy-on-write</c> (a clone sharing the source's pages) or <c>full-copy</c>.</param>
/// <param name="Tags">Tags naming the drill, so leftovers of an interrupted one can be found.</param>
public sealed record AuroraPointInTimeRestoreRequest(
    AuroraRestoreSource Source,
    string ClusterIdentifier,
    DateTimeOffset RestoreToTime,
    bool CopyOnWrite,
    IReadOnlyDictionary<string, string> Tags);
