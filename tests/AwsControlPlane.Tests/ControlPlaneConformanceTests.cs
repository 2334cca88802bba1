using Resilience.AwsStandIn;

namespace Resilience.AwsControlPlane.Tests;

/// <summary>
/// Every operation of the client against the stand-in: each request the client built and each answer
/// the stand-in gave are judged by the botocore models, and the client must read back the stand-in's state.
/// </summary>
public sealed class ControlPlaneConformanceTests
{
    private static readonly Dictionary<string, ServiceModel> Models = new()
    {
        ["2014-10-31"] = ServiceModel.Load("rds"),
        ["2010-08-01"] = ServiceModel.Load("cloudwatch"),
    };

    private static readonly ServiceModel Fis = ServiceModel.Load("fis");

    [Fact]
    public async Task EveryOperationConformsToTheServiceModelsAndReadsTheStateBack()
    {
        await using var h = new StandInHarness();
        var ct = CancellationToken.None;
        var id = h.Cluster.Id;

        var clusters = await h.Client.DescribeDbClustersAsync(id, ct);
        var cluster = Assert.Single(clusters);
        Assert.Equal(id, cluster.Identifier);
        Assert.Equal("available", cluster.Status);
        Assert.Equal($"{id}-writer", cluster.Writer?.InstanceIdentifier);
        Assert.Equal([0, 0, 1], cluster.Members.Select(m => m.PromotionTier ?? -1));
        Assert.Equal("cell-a", cluster.Tags["resilience:cell"]);
        Assert.False(cluster.HasPendingModifications);

        var instances = await h.Client.DescribeDbInstancesAsync(id, ct);
        Assert.Equal(3, instances.Count);
        var reader = instances.Single(i => i.Identifier == $"{id}-readers-2");
        Assert.Equal(h.Cluster.Instances[2].ResourceId, reader.ResourceId);
        Assert.Equal(h.Cluster.Instances[2].CreateTime, reader.CreateTime);
        Assert.Equal(5432, reader.Port);
        Assert.Equal(id, reader.ClusterIdentifier);

        var endpoints = await h.Client.DescribeDbClusterEndpointsAsync(id, ct);
        var warm = endpoints.Single(e => e.EndpointType == "CUSTOM");
        Assert.Equal([$"{id}-readers-1", $"{id}-readers-2"], warm.StaticMembers);

        var modified = await h.Client.ModifyDbClusterEndpointStaticMembersAsync(warm.Identifier, [$"{id}-readers-1"], ct);
        Assert.Equal([$"{id}-readers-1"], modified.StaticMembers);
        lock (h.StandIn.Gate)
        {
            Assert.Equal([$"{id}-readers-1"], h.Cluster.Endpoints.Single(e => e.Type == "CUSTOM").StaticMembers);
        }

        await h.Client.RebootDbInstanceAsync($"{id}-readers-2", forceFailover: false, ct);
        Assert.Equal("rebooting", h.Cluster.Instances[2].Status);
        h.Cluster.Instances[2].Status = "available";
        await h.Client.FailoverDbClusterAsync(id, $"{id}-readers-1", ct);
        Assert.True(h.Cluster.Instances[1].IsWriter);

        var templates = await h.Client.ListExperimentTemplatesAsync(ct);
        Assert.Equal(2, templates.Count);
        var failoverSummary = templates.Single(t => t.Tags["resilience:scenario"] == "primary-failure");
        var template = await h.Client.GetExperimentTemplateAsync(failoverSummary.Id, ct);
        Assert.Equal(["aws:rds:failover-db-cluster"], template.ActionIds);
        Assert.Equal(h.Cluster.Arn(StandInHarness.Region), Assert.Single(Assert.Single(template.Targets).ResourceArns));
        Assert.Equal(2, template.StopConditionAlarmArns.Count);

        var started = await h.Client.StartExperimentAsync(template.Id, "token-1", new Dictionary<string, string> { ["resilience:run"] = "r1" }, ct);
        Assert.True(started.IsActive);
        var running = await h.Client.GetExperimentAsync(started.Id, ct);
        Assert.Equal(template.Id, running.TemplateId);
        var stopped = await h.Client.StopExperimentAsync(started.Id, ct);
        Assert.Equal(ExperimentStatus.Stopped, stopped.Status);
        Assert.NotNull(stopped.EndTime);
        var listed = Assert.Single(await h.Client.ListExperimentsAsync(ct));
        Assert.Equal((started.Id, template.Id, ExperimentStatus.Stopped), (listed.Id, listed.TemplateId, listed.Status));

        var alarm = h.StandIn.Alarms[0];
        var at = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        alarm.SetState("ALARM", "Threshold Crossed: 1 datapoint [95.0] was greater than the threshold (80.0).", at);
        var alarms = await h.Client.DescribeAlarmsAsync([alarm.Name], ct);
        Assert.Equal("ALARM", Assert.Single(alarms).State);
        Assert.Equal(at, alarms[0].StateUpdated);
        var history = await h.Client.DescribeAlarmHistoryAsync(alarm.Name, at.AddMinutes(-1), ct);
        Assert.Equal("Alarm updated from OK to ALARM", Assert.Single(history).Summary);

        var dimensions = new Dictionary<string, string> { ["DBClusterIdentifier"] = id };
        await h.Client.PutMetricDataAsync("Resilience/WarmupGate", "HealthyWarmReplicas", dimensions, 2, at, ct);
        lock (h.StandIn.Gate)
        {
            var datum = Assert.Single(h.StandIn.Metrics);
            Assert.Equal(("Resilience/WarmupGate", "HealthyWarmReplicas", 2.0, "Count", at), (datum.Namespace, datum.Name, datum.Value, datum.Unit, datum.Timestamp));
            Assert.Equal(id, datum.Dimensions["DBClusterIdentifier"]);
        }

        var exchanges = h.StandIn.Exchanges;
        Assert.Equal(15, exchanges.Select(e => e.Request.Operation).Distinct().Count());
        var problems = exchanges.SelectMany(Problems).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    internal static IEnumerable<string> Problems(CapturedExchange exchange)
    {
        var r = exchange.Request;
        var where = $"{r.Operation}: ";
        if (r.Form.TryGetValue("Version", out var version))
        {
            var model = Models[version];
            return model.CheckQueryRequest(r.Operation, r.Method, r.Path, r.Form)
                .Concat(exchange.Status == 200 ? model.CheckXmlResponse(r.Operation, exchange.ResponseBody) : [])
                .Select(p => where + p);
        }

        return Fis.CheckRestJsonRequest(r.Operation, r.Method, r.Path, r.Query, r.Body)
            .Concat(exchange.Status == 200 ? Fis.CheckJsonResponse(r.Operation, exchange.ResponseBody) : [])
            .Select(p => where + p);
    }
}
