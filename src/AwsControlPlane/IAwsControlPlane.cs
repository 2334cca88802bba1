namespace Resilience.AwsControlPlane;

/// <summary>
/// The RDS, FIS and CloudWatch operations the chaos suite and the warm-up gate controller use, and no
/// others. Every AWS call of the project goes through this interface, so the generated AWSSDK.RDS,
/// AWSSDK.FIS and AWSSDK.CloudWatch clients can replace <see cref="AwsSdkControlPlane"/> the day the
/// package registry serves them. Every method throws <see cref="AwsControlPlaneException"/> with a
/// one-line message on failure.
/// </summary>
public interface IAwsControlPlane : IDisposable
{
    /// <summary>The region every call goes to.</summary>
    string Region { get; }

    /// <summary>RDS DescribeDBClusters: one cluster by identifier, or every cluster when null.</summary>
    Task<IReadOnlyList<DbCluster>> DescribeDbClustersAsync(string? clusterIdentifier, CancellationToken cancellationToken);

    /// <summary>RDS DescribeDBInstances filtered on <c>db-cluster-id</c>.</summary>
    Task<IReadOnlyList<DbInstance>> DescribeDbInstancesAsync(string clusterIdentifier, CancellationToken cancellationToken);

    /// <summary>RDS DescribeDBClusterEndpoints of one cluster (custom endpoints and the built-in ones).</summary>
    Task<IReadOnlyList<DbClusterEndpoint>> DescribeDbClusterEndpointsAsync(string clusterIdentifier, CancellationToken cancellationToken);

    /// <summary>RDS ModifyDBClusterEndpoint: replaces a custom endpoint's static members.</summary>
    Task<DbClusterEndpoint> ModifyDbClusterEndpointStaticMembersAsync(string endpointIdentifier, IReadOnlyList<string> staticMembers, CancellationToken cancellationToken);

    /// <summary>RDS FailoverDBCluster, to <paramref name="targetInstance"/> when given.</summary>
    Task FailoverDbClusterAsync(string clusterIdentifier, string? targetInstance, CancellationToken cancellationToken);

    /// <summary>RDS RebootDBInstance.</summary>
    Task RebootDbInstanceAsync(string instanceIdentifier, bool forceFailover, CancellationToken cancellationToken);

    /// <summary>FIS ListExperimentTemplates (every page).</summary>
    Task<IReadOnlyList<ExperimentTemplateSummary>> ListExperimentTemplatesAsync(CancellationToken cancellationToken);

    /// <summary>FIS GetExperimentTemplate.</summary>
    Task<ExperimentTemplate> GetExperimentTemplateAsync(string templateId, CancellationToken cancellationToken);

    /// <summary>FIS StartExperiment; <paramref name="clientToken"/> makes a retried start idempotent.</summary>
    Task<Experiment> StartExperimentAsync(string templateId, string clientToken, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken);

    /// <summary>FIS ListExperiments (every page): every experiment of the account and region, whoever started it (no start or end time: the summary has none).</summary>
    Task<IReadOnlyList<Experiment>> ListExperimentsAsync(CancellationToken cancellationToken);

    /// <summary>FIS GetExperiment.</summary>
    Task<Experiment> GetExperimentAsync(string experimentId, CancellationToken cancellationToken);

    /// <summary>FIS StopExperiment.</summary>
    Task<Experiment> StopExperimentAsync(string experimentId, CancellationToken cancellationToken);

    /// <summary>CloudWatch DescribeAlarms of these metric alarms.</summary>
    Task<IReadOnlyList<MetricAlarm>> DescribeAlarmsAsync(IReadOnlyList<string> alarmNames, CancellationToken cancellationToken);

    /// <summary>
    /// CloudWatch PutMetricData: one datum, <paramref name="metricName"/> = <paramref name="value"/> (unit <c>Count</c>)
    /// with the given dimensions, in <paramref name="metricNamespace"/>, at <paramref name="timestamp"/>.
    /// </summary>
    Task PutMetricDataAsync(string metricNamespace, string metricName, IReadOnlyDictionary<string, string> dimensions, double value, DateTimeOffset timestamp, CancellationToken cancellationToken);

    /// <summary>
    /// An IAM database authentication token for <paramref name="user"/> on <paramref name="host"/>:<paramref name="port"/>,
    /// valid 15 minutes (signed locally with the resolved credentials; no call is made).
    /// </summary>
    Task<string> CreateDbAuthTokenAsync(string host, int port, string user, CancellationToken cancellationToken);

    /// <summary>CloudWatch DescribeAlarmHistory of one alarm's state changes since <paramref name="since"/>.</summary>
    Task<IReadOnlyList<AlarmHistoryItem>> DescribeAlarmHistoryAsync(string alarmName, DateTimeOffset since, CancellationToken cancellationToken);
}
