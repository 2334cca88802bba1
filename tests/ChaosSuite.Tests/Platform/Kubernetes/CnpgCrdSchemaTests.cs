using System.Text.Json.Nodes;
using Resilience.ChaosSuite.Platform.Kubernetes;
using Resilience.KubernetesStandIn;
using StandIn = Resilience.KubernetesStandIn.KubernetesStandIn;

namespace Resilience.ChaosSuite.Tests.Platform.Kubernetes;

/// <summary>What the stand-in serves as a Cluster is a Cluster of CloudNativePG 1.30.0, and the adapter reads it.</summary>
public sealed class CnpgCrdSchemaTests
{
    [Fact]
    public async Task TheServedClusterIsValidBeforeAndAfterTheAdaptersPatchAndFailover()
    {
        await using var standIn = new StandIn(31340);
        var cluster = StandInCell.Add(standIn);
        Assert.Empty(CnpgCrdSchema.Violations(standIn.ClusterJson(cluster)));

        cluster.Phase = "Failing over";
        cluster.CurrentPrimary = "pg-default-2";
        cluster.ReadyInstances = 2;
        cluster.FailedInstances.Add("pg-default-1");
        cluster.Instances = 5;
        var json = standIn.ClusterJson(cluster);
        Assert.Empty(CnpgCrdSchema.Violations(json));

        var read = CnpgClusterState.Parse(System.Text.Json.JsonSerializer.SerializeToElement(json));
        Assert.Equal(("pg-default-2", 5, 2), (read.CurrentPrimary, read.Instances, read.ReadyInstances));
        Assert.Equal(["pg-default-1"], read.FailedInstances);
    }

    [Fact]
    public async Task TheSchemaCheckFailsAWrongTypeAnUndeclaredFieldAndABadEnum()
    {
        await using var standIn = new StandIn(31341);
        {
            var cluster = StandInCell.Add(standIn);
            var json = standIn.ClusterJson(cluster);
            json["status"]!["readyInstances"] = "three";
            json["status"]!["currentPrimaryPod"] = "pg-default-1";
            json["spec"]!["primaryUpdateStrategy"] = "whenever";
            var problems = CnpgCrdSchema.Violations(json);
            Assert.Contains(problems, p => p.Contains("/status/readyInstances", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("/status/currentPrimaryPod: not declared", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("/spec/primaryUpdateStrategy", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task AClusterWithNoInstancesIsRefusedBySchema()
    {
        await using var standIn = new StandIn(31342);
        {
            var json = standIn.ClusterJson(StandInCell.Add(standIn));
            json["spec"]!["instances"] = JsonValue.Create(0);
            Assert.Contains(CnpgCrdSchema.Violations(json), p => p.Contains("/spec/instances", StringComparison.Ordinal));
        }
    }
}
