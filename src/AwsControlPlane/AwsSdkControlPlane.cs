using System.Globalization;
using System.Text.Json;
using Resilience.AwsControlPlane.Internal;

namespace Resilience.AwsControlPlane;

/// <summary>
/// <see cref="IAwsControlPlane"/> on AWSSDK.Core's runtime: the SDK resolves credentials (its default
/// chain), signs with SigV4, retries with backoff and reads errors; this class only builds each
/// operation's parameters (as the botocore models name them) and reads the members it needs.
/// </summary>
public sealed class AwsSdkControlPlane : IAwsControlPlane
{
    private readonly SdkServiceClient _rds;
    private readonly SdkServiceClient _fis;
    private readonly SdkServiceClient _cloudWatch;
    private readonly AwsControlPlaneOptions _options;

    /// <summary>Creates the clients; nothing is called until the first operation.</summary>
    /// <exception cref="AwsControlPlaneException">The region is not an AWS region.</exception>
    public AwsSdkControlPlane(AwsControlPlaneOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        AwsRegions.Validate(options.Region);
        if (options.MaxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxAttempts, "MaxAttempts must be >= 1");
        }

        Region = options.Region;
        _options = options;
        _rds = SdkServiceClient.Create(AwsService.Rds, options);
        _fis = SdkServiceClient.Create(AwsService.Fis, options);
        _cloudWatch = SdkServiceClient.Create(AwsService.CloudWatch, options);
    }

    /// <inheritdoc />
    public string Region { get; }

    /// <inheritdoc />
    public Task<IReadOnlyList<DbCluster>> DescribeDbClustersAsync(string? clusterIdentifier, CancellationToken cancellationToken) =>
        PagesAsync(_rds, "DescribeDBClusters", marker =>
        {
            var call = ServiceCall.Query(AwsService.Rds, "DescribeDBClusters");
            SetIf(call, "DBClusterIdentifier", clusterIdentifier);
            SetIf(call, "Marker", marker);
            return call;
        }, RdsResponses.DescribeDbClusters, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<DbInstance>> DescribeDbInstancesAsync(string clusterIdentifier, CancellationToken cancellationToken) =>
        PagesAsync(_rds, "DescribeDBInstances", marker =>
        {
            var call = ServiceCall.Query(AwsService.Rds, "DescribeDBInstances");
            call.Parameters["Filters.Filter.1.Name"] = "db-cluster-id";
            call.Parameters["Filters.Filter.1.Values.Value.1"] = clusterIdentifier;
            SetIf(call, "Marker", marker);
            return call;
        }, RdsResponses.DescribeDbInstances, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<DbClusterEndpoint>> DescribeDbClusterEndpointsAsync(string clusterIdentifier, CancellationToken cancellationToken) =>
        PagesAsync(_rds, "DescribeDBClusterEndpoints", marker =>
        {
            var call = ServiceCall.Query(AwsService.Rds, "DescribeDBClusterEndpoints");
            call.Parameters["DBClusterIdentifier"] = clusterIdentifier;
            SetIf(call, "Marker", marker);
            return call;
        }, RdsResponses.DescribeDbClusterEndpoints, cancellationToken);

    /// <inheritdoc />
    public async Task<DbClusterEndpoint> ModifyDbClusterEndpointStaticMembersAsync(string endpointIdentifier, IReadOnlyList<string> staticMembers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staticMembers);
        var call = ServiceCall.Query(AwsService.Rds, "ModifyDBClusterEndpoint");
        call.Parameters["DBClusterEndpointIdentifier"] = endpointIdentifier;
        call.AddList("StaticMembers", staticMembers);
        return RdsResponses.ModifyDbClusterEndpoint(await SendAsync(_rds, call, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async Task FailoverDbClusterAsync(string clusterIdentifier, string? targetInstance, CancellationToken cancellationToken)
    {
        var call = ServiceCall.Query(AwsService.Rds, "FailoverDBCluster");
        call.Parameters["DBClusterIdentifier"] = clusterIdentifier;
        SetIf(call, "TargetDBInstanceIdentifier", targetInstance);
        await SendAsync(_rds, call, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task RebootDbInstanceAsync(string instanceIdentifier, bool forceFailover, CancellationToken cancellationToken)
    {
        var call = ServiceCall.Query(AwsService.Rds, "RebootDBInstance");
        call.Parameters["DBInstanceIdentifier"] = instanceIdentifier;
        if (forceFailover)
        {
            call.Parameters["ForceFailover"] = "true";
        }

        await SendAsync(_rds, call, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ExperimentTemplateSummary>> ListExperimentTemplatesAsync(CancellationToken cancellationToken) =>
        FisListAsync("ListExperimentTemplates", "/experimentTemplates", FisResponses.ListExperimentTemplates, cancellationToken);

    /// <inheritdoc />
    public async Task<ExperimentTemplate> GetExperimentTemplateAsync(string templateId, CancellationToken cancellationToken)
    {
        var call = new ServiceCall(AwsService.Fis, "GetExperimentTemplate") { HttpMethod = "GET", ResourcePath = "/experimentTemplates/{id}" };
        call.PathParameters["id"] = templateId;
        return FisResponses.ExperimentTemplate(await SendAsync(_fis, call, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async Task<Experiment> StartExperimentAsync(string templateId, string clientToken, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["clientToken"] = clientToken,
            ["experimentTemplateId"] = templateId,
            ["tags"] = tags,
        });
        var call = new ServiceCall(AwsService.Fis, "StartExperiment") { HttpMethod = "POST", ResourcePath = "/experiments", JsonBody = body };
        return FisResponses.Experiment(await SendAsync(_fis, call, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Experiment>> ListExperimentsAsync(CancellationToken cancellationToken) =>
        FisListAsync("ListExperiments", "/experiments", FisResponses.ListExperiments, cancellationToken);

    /// <inheritdoc />
    public async Task<Experiment> GetExperimentAsync(string experimentId, CancellationToken cancellationToken)
    {
        var call = new ServiceCall(AwsService.Fis, "GetExperiment") { HttpMethod = "GET", ResourcePath = "/experiments/{id}" };
        call.PathParameters["id"] = experimentId;
        return FisResponses.Experiment(await SendAsync(_fis, call, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async Task<Experiment> StopExperimentAsync(string experimentId, CancellationToken cancellationToken)
    {
        var call = new ServiceCall(AwsService.Fis, "StopExperiment") { HttpMethod = "DELETE", ResourcePath = "/experiments/{id}" };
        call.PathParameters["id"] = experimentId;
        return FisResponses.Experiment(await SendAsync(_fis, call, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MetricAlarm>> DescribeAlarmsAsync(IReadOnlyList<string> alarmNames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alarmNames);
        return PagesAsync(_cloudWatch, "DescribeAlarms", token =>
        {
            var call = ServiceCall.Query(AwsService.CloudWatch, "DescribeAlarms").AddList("AlarmNames", alarmNames);
            call.AddList("AlarmTypes", ["MetricAlarm"]);
            SetIf(call, "NextToken", token);
            return call;
        }, CloudWatchResponses.DescribeAlarms, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AlarmHistoryItem>> DescribeAlarmHistoryAsync(string alarmName, DateTimeOffset since, CancellationToken cancellationToken) =>
        PagesAsync(_cloudWatch, "DescribeAlarmHistory", token =>
        {
            var call = ServiceCall.Query(AwsService.CloudWatch, "DescribeAlarmHistory");
            call.Parameters["AlarmName"] = alarmName;
            call.Parameters["HistoryItemType"] = "StateUpdate";
            call.Parameters["StartDate"] = since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            SetIf(call, "NextToken", token);
            return call;
        }, CloudWatchResponses.DescribeAlarmHistory, cancellationToken);

    /// <inheritdoc />
    public async Task PutMetricDataAsync(string metricNamespace, string metricName, IReadOnlyDictionary<string, string> dimensions, double value, DateTimeOffset timestamp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        var call = ServiceCall.Query(AwsService.CloudWatch, "PutMetricData");
        call.Parameters["Namespace"] = metricNamespace;
        call.Parameters["MetricData.member.1.MetricName"] = metricName;
        call.Parameters["MetricData.member.1.Value"] = Number(value);
        call.Parameters["MetricData.member.1.Unit"] = "Count";
        call.Parameters["MetricData.member.1.Timestamp"] = timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var index = 1;
        foreach (var (name, dimensionValue) in dimensions.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            call.Parameters[$"MetricData.member.1.Dimensions.member.{index}.Name"] = name;
            call.Parameters[$"MetricData.member.1.Dimensions.member.{index}.Value"] = dimensionValue;
            index++;
        }

        await SendAsync(_cloudWatch, call, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<string> CreateDbAuthTokenAsync(string host, int port, string user, CancellationToken cancellationToken)
    {
        try
        {
            return await DbAuthToken.CreateAsync(_options, host, port, user).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw FailureTranslation.Translate(e, "rds-db:connect token", Region);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _rds.Dispose();
        _fis.Dispose();
        _cloudWatch.Dispose();
    }

    // As botocore writes a double (Python's str): whole numbers with ".0", so our requests match the CLI's.
    private static string Number(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15 ? value.ToString("0.0", CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture);

    private static void SetIf(ServiceCall call, string name, string? value)
    {
        if (value is not null)
        {
            call.Parameters[name] = value;
        }
    }

    private async Task<string> SendAsync(SdkServiceClient client, ServiceCall call, CancellationToken cancellationToken)
    {
        try
        {
            return await client.SendAsync(call, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw FailureTranslation.Translate(e, call.Operation, Region);
        }
    }

    // A FIS list operation: GET with nextToken in the query string, every page.
    private Task<IReadOnlyList<T>> FisListAsync<T>(string operation, string path, Func<string, (IReadOnlyList<T> Items, string? Next)> read, CancellationToken cancellationToken) =>
        PagesAsync(_fis, operation, token =>
        {
            var call = new ServiceCall(AwsService.Fis, operation) { HttpMethod = "GET", ResourcePath = path };
            SetIf(call, "nextToken", token);
            return call;
        }, read, cancellationToken);

    // Follows Marker / NextToken until the last page.
    private async Task<IReadOnlyList<T>> PagesAsync<T>(
        SdkServiceClient client, string operation, Func<string?, ServiceCall> build, Func<string, (IReadOnlyList<T> Items, string? Next)> read, CancellationToken cancellationToken)
    {
        var all = new List<T>();
        string? next = null;
        do
        {
            var body = await SendAsync(client, build(next), cancellationToken).ConfigureAwait(false);
            try
            {
                (var items, next) = read(body);
                all.AddRange(items);
            }
            catch (Exception e) when (e is FormatException or System.Xml.XmlException or JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new AwsControlPlaneException(AwsFailure.Other, $"{operation} in {Region}: unexpected response ({e.Message})", null, e);
            }
        }
        while (!string.IsNullOrEmpty(next));
        return all;
    }
}
