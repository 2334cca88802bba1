using Resilience.AwsControlPlane;
using Resilience.Topology;

namespace Resilience.HealthProbes.GateController.Aurora;

/// <summary>
/// One Aurora cluster's side of the gate: its readers from DescribeDBClusters (who is the writer) and DescribeDBInstances
/// (address, status, DbiResourceId), the custom endpoint's static members from DescribeDBClusterEndpoints, changes by
/// ModifyDBClusterEndpoint, and the warm count to CloudWatch. Aurora keeps a rebooting or stopped member in a custom
/// endpoint and never adds the readers Auto Scaling creates to a static list: this is what does both.
/// </summary>
internal sealed class AuroraGatePlatform(IAwsControlPlane aws, string cluster, string endpoint, Func<string, string> groupOf, ControlPlanePacer pacer, TimeProvider time) : IGatePlatform
{
    /// <summary>CloudWatch namespace and metric the alarm and the FIS stop conditions read (infra/aws/constants.ts).</summary>
    public const string MetricNamespace = "Resilience/WarmupGate";

    public const string MetricName = "HealthyWarmReplicas";

    public string Cluster => cluster;

    // Three paced RDS calls make one read.
    public TimeSpan MinimumReadInterval => pacer.MinimumSpacing * 3;

    public async Task<PlatformView> ReadAsync(CancellationToken cancellationToken)
    {
        var notFound = $"cluster {cluster} not found in {aws.Region}: check the stack's region and that `pulumi up` created it";
        IReadOnlyList<DbCluster> clusters;
        try
        {
            clusters = await CallAsync(() => aws.DescribeDbClustersAsync(cluster, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        catch (GatePlatformException e) when (e.InnerException is AwsControlPlaneException { Failure: AwsFailure.NotFound })
        {
            throw new GatePlatformException(notFound, inner: e);
        }

        var described = clusters.FirstOrDefault(c => c.Identifier == cluster) ?? throw new GatePlatformException(notFound);
        var instances = await CallAsync(() => aws.DescribeDbInstancesAsync(cluster, cancellationToken), cancellationToken).ConfigureAwait(false);
        var endpoints = await CallAsync(() => aws.DescribeDbClusterEndpointsAsync(cluster, cancellationToken), cancellationToken).ConfigureAwait(false);
        var warm = endpoints.FirstOrDefault(e => e.Identifier == endpoint && e.EndpointType == "CUSTOM")
            ?? throw new GatePlatformException($"custom endpoint {endpoint} not found on cluster {cluster}: the Pulumi program declares it (run `pulumi up`)");
        var readers = described.Members.Where(m => !m.IsWriter).Select(m =>
        {
            var instance = instances.FirstOrDefault(i => i.Identifier == m.InstanceIdentifier);
            var status = instance?.Status ?? "unknown";
            return new ReaderCandidate(
                m.InstanceIdentifier, string.IsNullOrEmpty(instance?.Address) ? null : instance.Address, instance?.Port ?? described.Port ?? 5432, status == "available", status,
                instance?.ResourceId ?? instance?.CreateTime?.ToString("O", System.Globalization.CultureInfo.InvariantCulture), groupOf(m.InstanceIdentifier));
        }).ToList();
        return new PlatformView(readers, warm.StaticMembers);
    }

    public Task SetMembersAsync(IReadOnlyList<string> members, PlatformView current, CancellationToken cancellationToken) =>
        CallAsync(() => aws.ModifyDbClusterEndpointStaticMembersAsync(endpoint, members, cancellationToken), cancellationToken);

    public async Task PublishWarmCountAsync(int count, CancellationToken cancellationToken)
    {
        try
        {
            await aws.PutMetricDataAsync(MetricNamespace, MetricName, new Dictionary<string, string> { ["DBClusterIdentifier"] = cluster }, count, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }
        catch (AwsControlPlaneException e)
        {
            throw new GatePlatformException(e.Message, e.Failure == AwsFailure.Throttled, e);
        }
    }

    /// <summary>Which replica group an instance belongs to: the program names them <c>&lt;cluster&gt;-&lt;group&gt;-&lt;n&gt;</c>; a reader Auto Scaling added belongs to the group that scales.</summary>
    public static Func<string, string> GroupsOf(string cluster, IReadOnlyList<ReplicaGroupSpec> groups) => instance =>
        groups.FirstOrDefault(g => instance.StartsWith($"{cluster}-{g.Name}-", StringComparison.Ordinal))?.Name
        ?? groups.FirstOrDefault(g => g.Autoscaling is not null)?.Name
        ?? groups[0].Name;

    private async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await pacer.RunAsync(call, cancellationToken).ConfigureAwait(false);
        }
        catch (AwsControlPlaneException e)
        {
            throw new GatePlatformException(e.Message, e.Failure == AwsFailure.Throttled, e);
        }
    }
}
