using System.Text.Json.Nodes;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Platform.Kubernetes;
using Resilience.ChaosSuite.Tests.TestSupport;
using Resilience.KubernetesStandIn;

namespace Resilience.ChaosSuite.Tests.Platform.Kubernetes;

/// <summary>
/// The planned switchover on CloudNativePG against the stand-in (the API server's part; KubernetesEndToEndTests runs it on
/// real PostgreSQL): kubectl cnpg promote's status patch, checked against the CRD schema, the target chosen among
/// ready warm replicas, completion read from the Cluster's status, refusals in one line.
/// </summary>
public sealed class KubernetesSwitchoverTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task NamingThePrimaryPatchesStatusTargetPrimaryToTheFirstWarmReplicaAsTheCnpgPluginDoes()
    {
        await using var stack = new KubernetesStandInStack();
        lock (stack.StandIn.Gate)
        {
            stack.StandIn.Pods.Single(p => p.Name == "pg-default-2").Labels.Remove(StandInCell.WarmLabel);
        }

        JsonObject? promoted = null;
        stack.StandIn.OnPromote = target =>
        {
            // The operator's part: the target becomes the current primary.
            lock (stack.StandIn.Gate)
            {
                promoted = stack.StandIn.ClusterJson(stack.Cluster);
                stack.Cluster.CurrentPrimary = target;
                stack.Cluster.Phase = "Cluster in healthy state";
            }

            return Task.CompletedTask;
        };
        await using var platform = stack.Platform();
        var observation = await platform.ObserveAsync(None);
        var fault = await platform.InjectAsync(new FaultRequest(FaultKind.Switchover, observation.Primary!), None);

        Assert.Equal("pg-default-3", fault.Member);
        var patch = Assert.Single(stack.StandIn.Requests, r => r.Method == "PATCH");
        Assert.Equal("/apis/postgresql.cnpg.io/v1/namespaces/databases/clusters/pg-default/status", patch.Path);
        Assert.Equal("application/merge-patch+json; charset=utf-8", patch.ContentType);
        var body = JsonNode.Parse(patch.Body)!;
        Assert.Equal("1", body["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal("pg-default-3", body["status"]!["targetPrimary"]!.GetValue<string>());
        Assert.Equal(CnpgPromotion.SwitchoverPhase, body["status"]!["phase"]!.GetValue<string>());
        Assert.Equal("Switching over to pg-default-3", body["status"]!["phaseReason"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", body["status"]!["targetPrimaryTimestamp"]!.GetValue<string>());
        var ready = Assert.Single(body["status"]!["conditions"]!.AsArray(), c => c!["type"]!.GetValue<string>() == "Ready")!;
        Assert.Equal(("False", "ClusterIsNotReady"), (ready["status"]!.GetValue<string>(), ready["reason"]!.GetValue<string>()));
        // The Cluster as the patch left it is still a CloudNativePG 1.30.0 Cluster.
        Assert.NotNull(promoted);
        Assert.Empty(CnpgCrdSchema.Violations(promoted));
        Assert.Equal("pg-default-3", promoted["status"]!["targetPrimary"]!.GetValue<string>());
        Assert.Empty(stack.StandIn.DeletedPods);
    }

    [Fact]
    public async Task ANamedColdReplicaIsRefusedInOneLineWithNothingPatched()
    {
        await using var stack = new KubernetesStandInStack();
        lock (stack.StandIn.Gate)
        {
            stack.StandIn.Pods.Single(p => p.Name == "pg-default-2").Labels.Remove(StandInCell.WarmLabel);
        }

        await using var platform = stack.Platform();
        var observation = await platform.ObserveAsync(None);
        Assert.False(observation.Find("pg-default-2")!.CanSuffer(FaultKind.Switchover));
        var e = await Assert.ThrowsAsync<PlatformException>(() => platform.InjectAsync(new FaultRequest(FaultKind.Switchover, observation.Find("pg-default-2")!), None));
        OneLine.Mentions(e, "replica pg-default-2 cannot take over", "not warm");
        Assert.DoesNotContain(stack.StandIn.Requests, r => r.Method == "PATCH");
    }

    [Fact]
    public async Task AConcurrentChangeOfTheClusterIsAConflictInOneLineAndNoSwitchover()
    {
        await using var stack = new KubernetesStandInStack();
        await using var platform = stack.Platform();
        var observation = await platform.ObserveAsync(None);
        var promotions = 0;
        stack.StandIn.OnPromote = _ => Task.FromResult(Interlocked.Increment(ref promotions));
        // The operator writes the Cluster between the adapter's read and its patch.
        stack.StandIn.OnClusterRead = () => stack.Cluster.ResourceVersion++;
        var e = await Assert.ThrowsAsync<PlatformException>(() => platform.InjectAsync(new FaultRequest(FaultKind.Switchover, observation.Primary!), None));
        OneLine.Mentions(e, "patch clusters/status pg-default", "409", "run again");
        Assert.Equal(0, promotions);
        Assert.Null(stack.Cluster.TargetPrimaryTimestamp);
    }

    [Fact]
    public async Task ASwitchoverTheOperatorNeverCompletesFailsInOneLineAfterItsTimeout()
    {
        await using var stack = new KubernetesStandInStack();
        var options = stack.Options();
        options.SwitchoverTimeout = TimeSpan.FromSeconds(3);
        await using var platform = stack.Platform(options);
        var observation = await platform.ObserveAsync(None);
        var e = await Assert.ThrowsAsync<PlatformException>(() => platform.InjectAsync(new FaultRequest(FaultKind.Switchover, observation.Primary!), None));
        OneLine.Mentions(e, "switchover of Cluster pg-default to pg-default-2 not complete after 3 s", "status.currentPrimary: pg-default-1", "kubectl cnpg status pg-default");
    }

    [Fact]
    public async Task PreflightNamesAMissingStatusPatchGrant()
    {
        await using var stack = new KubernetesStandInStack();
        stack.StandIn.Denied.Add(("patch", "clusters/status"));
        await using var platform = stack.Platform();
        var e = await Assert.ThrowsAsync<PlatformException>(() => platform.ResolveAsync(None));
        OneLine.Mentions(e, "RBAC: the runner may not patch clusters/status.postgresql.cnpg.io pg-default in namespace databases");
    }
}
