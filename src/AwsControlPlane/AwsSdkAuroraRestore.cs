using System.Globalization;
using System.Xml;
using Resilience.AwsControlPlane.Internal;

namespace Resilience.AwsControlPlane;

/// <summary><see cref="IAuroraRestoreControlPlane"/> on AWSSDK.Core's runtime, as <see cref="AwsSdkControlPlane"/> (parameters named as in the RDS 2014-10-31 model).</summary>
public sealed class AwsSdkAuroraRestore : IAuroraRestoreControlPlane
{
    private readonly SdkServiceClient _rds;
    private readonly string _region;

    /// <summary>Creates the client; nothing is called until the first operation.</summary>
    /// <exception cref="AwsControlPlaneException">The region is not an AWS region.</exception>
    public AwsSdkAuroraRestore(AwsControlPlaneOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        AwsRegions.Validate(options.Region);
        _region = options.Region;
        _rds = SdkServiceClient.Create(AwsService.Rds, options);
    }

    /// <inheritdoc />
    public async Task<AuroraRestoreSource> DescribeRestoreSourceAsync(string clusterIdentifier, CancellationToken cancellationToken)
    {
        var call = ServiceCall.Query(AwsService.Rds, "DescribeDBClusters");
        call.Parameters["DBClusterIdentifier"] = clusterIdentifier;
        var body = await SendAsync(call, cancellationToken).ConfigureAwait(false);
        try
        {
            var cluster = XmlMembers.Result(body, "DescribeDBClusters").Items("DBClusters", "DBCluster").FirstOrDefault()
                ?? throw new AwsControlPlaneException(AwsFailure.NotFound, $"DescribeDBClusters in {_region}: no cluster {clusterIdentifier}", "DBClusterNotFoundFault");
            return new AuroraRestoreSource(
                cluster.Required("DBClusterIdentifier"),
                cluster.Text("Engine") ?? "aurora-postgresql",
                cluster.Time("EarliestRestorableTime"),
                cluster.Time("LatestRestorableTime"),
                cluster.Text("DBSubnetGroup"),
                [.. cluster.Items("VpcSecurityGroups", "VpcSecurityGroupMembership").Select(g => g.Required("VpcSecurityGroupId"))],
                cluster.Text("KmsKeyId"),
                cluster.Text("DBClusterParameterGroup"),
                cluster.Bool("IAMDatabaseAuthenticationEnabled"),
                cluster.Int("Port"));
        }
        catch (Exception e) when (e is FormatException or XmlException)
        {
            throw new AwsControlPlaneException(AwsFailure.Other, $"DescribeDBClusters in {_region}: unexpected response ({e.Message})", null, e);
        }
    }

    /// <inheritdoc />
    public async Task RestoreDbClusterToPointInTimeAsync(AuroraPointInTimeRestoreRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var source = request.Source;
        var call = ServiceCall.Query(AwsService.Rds, "RestoreDBClusterToPointInTime");
        call.Parameters["DBClusterIdentifier"] = request.ClusterIdentifier;
        call.Parameters["SourceDBClusterIdentifier"] = source.Identifier;
        call.Parameters["RestoreToTime"] = request.RestoreToTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        call.Parameters["RestoreType"] = request.CopyOnWrite ? "copy-on-write" : "full-copy";
        call.Parameters["DeletionProtection"] = "false";
        call.Parameters["EnableIAMDatabaseAuthentication"] = source.IamAuthentication ? "true" : "false";
        SetIf(call, "DBSubnetGroupName", source.SubnetGroup);
        SetIf(call, "KmsKeyId", source.KmsKeyId);
        SetIf(call, "DBClusterParameterGroupName", source.ParameterGroup);
        call.AddList("VpcSecurityGroupIds", source.SecurityGroupIds, "VpcSecurityGroupId");
        AddTags(call, request.Tags);
        await SendAsync(call, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task CreateDbInstanceAsync(string instanceIdentifier, string clusterIdentifier, string instanceClass, string engine, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var call = ServiceCall.Query(AwsService.Rds, "CreateDBInstance");
        call.Parameters["DBInstanceIdentifier"] = instanceIdentifier;
        call.Parameters["DBClusterIdentifier"] = clusterIdentifier;
        call.Parameters["DBInstanceClass"] = instanceClass;
        call.Parameters["Engine"] = engine;
        AddTags(call, tags);
        await SendAsync(call, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DeleteDbInstanceAsync(string instanceIdentifier, CancellationToken cancellationToken)
    {
        var call = ServiceCall.Query(AwsService.Rds, "DeleteDBInstance");
        call.Parameters["DBInstanceIdentifier"] = instanceIdentifier;
        await SendAsync(call, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DeleteDbClusterAsync(string clusterIdentifier, CancellationToken cancellationToken)
    {
        var call = ServiceCall.Query(AwsService.Rds, "DeleteDBCluster");
        call.Parameters["DBClusterIdentifier"] = clusterIdentifier;
        call.Parameters["SkipFinalSnapshot"] = "true";
        await SendAsync(call, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => _rds.Dispose();

    private static void SetIf(ServiceCall call, string name, string? value)
    {
        if (value is not null)
        {
            call.Parameters[name] = value;
        }
    }

    // A TagList: Tags.Tag.N.Key / Tags.Tag.N.Value.
    private static void AddTags(ServiceCall call, IReadOnlyDictionary<string, string> tags)
    {
        var index = 1;
        foreach (var (key, value) in tags.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            call.Parameters[string.Create(CultureInfo.InvariantCulture, $"Tags.Tag.{index}.Key")] = key;
            call.Parameters[string.Create(CultureInfo.InvariantCulture, $"Tags.Tag.{index++}.Value")] = value;
        }
    }

    private async Task<string> SendAsync(ServiceCall call, CancellationToken cancellationToken)
    {
        try
        {
            return await _rds.SendAsync(call, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw FailureTranslation.Translate(e, call.Operation, _region);
        }
    }
}
