using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Tests.TestSupport;
using Resilience.KubernetesStandIn;

namespace Resilience.ChaosSuite.Tests.Platform.Kubernetes;

/// <summary>The Kubernetes adapter through the real KubernetesClient against the stand-in: discovery, observation, deletions, the guard, rollback, every refusal in one line.</summary>
public sealed class KubernetesPlatformTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ResolvesTheServicesAndTheAppSecretAndChecksRbacUpFront()
    {
        await using var stack = new KubernetesStandInStack();
        lock (stack.StandIn.Gate)
        {
            stack.StandIn.Services.Single(s => s.Name == "pg-default-rw").ClusterIp = "10.96.0.10";
            stack.StandIn.Services.Single(s => s.Name == "pg-default-warm-readers").ClusterIp = "10.96.0.11";
        }

        await using var platform = stack.Platform();
        var access = await platform.ResolveAsync(None);
        Assert.Equal(new DatabaseEndpoint("10.96.0.10", 5432), access.Write);
        Assert.Equal(new DatabaseEndpoint("10.96.0.11", 5432), access.Read);
        Assert.Equal(("app", "app"), (access.Database, access.Username));
        Assert.Equal("not-a-real-password", await access.Password.GetAsync(None));
        Assert.Equal(10, stack.StandIn.Requests.Count(r => r.Path.EndsWith("/selfsubjectaccessreviews", StringComparison.Ordinal)));
        Assert.Contains(stack.StandIn.Requests, r => r.Path == "/api/v1/namespaces/databases/services/pg-default-ro");
    }

    [Fact]
    public async Task ObservationMapsTheClusterStatusPodsRoutingAndFiringAlerts()
    {
        await using var stack = new KubernetesStandInStack();
        lock (stack.StandIn.Gate)
        {
            stack.StandIn.Pods.Single(p => p.Name == "pg-default-3").Labels.Remove(StandInCell.WarmLabel);
            stack.StandIn.Alerts.Add(new StandInAlert("primary-cpu-high", "pg-default", "firing"));
            stack.StandIn.Alerts.Add(new StandInAlert("connections-high", "pg-default", "pending"));
            stack.Cluster.TimelineId = 4;
        }

        await using var platform = stack.Platform();
        var observation = await platform.ObserveAsync(None);
        Assert.Equal("pg-default-1", observation.Primary!.Name);
        var replicas = observation.Replicas("readers").ToDictionary(m => m.Name);
        Assert.Equal(["pg-default-2", "pg-default-3"], replicas.Keys.Order());
        Assert.True(replicas["pg-default-2"].InReadEndpoint && replicas["pg-default-2"].GateOpen);
        Assert.False(replicas["pg-default-3"].InReadEndpoint || replicas["pg-default-3"].GateOpen);
        Assert.Equal("10.0.0.2:5432", replicas["pg-default-2"].ServerIdentity);
        Assert.Equal(["primary-cpu-high"], observation.Firing.Select(a => a.Name));
        Assert.Equal(4, observation.FailoverEpoch);
        Assert.NotNull(observation.Staleness);
        Assert.All(observation.Members, m => Assert.NotNull(m.Incarnation));
    }

    [Fact]
    public async Task AReplicasMachineLossDeletesItsClaimAndPodOnlyAfterTheServerAcceptedBothAsADryRun()
    {
        await using var stack = new KubernetesStandInStack();
        await using var platform = stack.Platform();
        var replica = (await platform.ObserveAsync(None)).Find("pg-default-3")!;
        stack.StandIn.ClearRequests();
        var fault = await platform.InjectAsync(new FaultRequest(FaultKind.MachineLoss, replica), None);

        Assert.Equal(["pg-default-3"], stack.StandIn.DeletedPods);
        Assert.Equal(["pg-default-3"], stack.StandIn.DeletedClaims);
        Assert.DoesNotContain("pg-default-3", stack.StandIn.Claims);
        var deletes = stack.StandIn.Requests.Where(r => r.Method == "DELETE").ToList();
        Assert.Equal(4, deletes.Count);
        Assert.All(deletes.Take(2), d => Assert.Contains("dryRun=All", d.Query, StringComparison.Ordinal));
        Assert.All(deletes.Skip(2), d => Assert.DoesNotContain("dryRun", d.Query, StringComparison.Ordinal));
        var podDelete = deletes.Last(d => d.Path.EndsWith("/pods/pg-default-3", StringComparison.Ordinal));
        Assert.Contains("gracePeriodSeconds=0", podDelete.Query, StringComparison.Ordinal);
        Assert.Equal("pod pg-default-3 and pvc pg-default-3", fault.Reference);
    }

    [Fact]
    public async Task ThePrimarysMachineLossDeletesOnlyItsPodWithNoGrace()
    {
        await using var stack = new KubernetesStandInStack();
        await using var platform = stack.Platform();
        var primary = (await platform.ObserveAsync(None)).Primary!;
        await platform.InjectAsync(new FaultRequest(FaultKind.MachineLoss, primary), None);
        Assert.Equal(["pg-default-1"], stack.StandIn.DeletedPods);
        Assert.Empty(stack.StandIn.DeletedClaims);
        Assert.Contains("pg-default-1", stack.StandIn.Claims);
    }

    [Theory]
    [InlineData("phase")]
    [InlineData("ready")]
    [InlineData("pod")]
    public async Task TheGuardRefusesUnlessTheClusterIsHealthyWithEveryInstanceReadyAndDeletesNothing(string what)
    {
        await using var stack = new KubernetesStandInStack();
        await using var platform = stack.Platform();
        var primary = (await platform.ObserveAsync(None)).Primary!;
        lock (stack.StandIn.Gate)
        {
            _ = what switch
            {
                "phase" => stack.Cluster.Phase = "Creating a new replica",
                "ready" => (stack.Cluster.ReadyInstances = 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => (stack.StandIn.Pods[2].Ready = false).ToString(),
            };
        }

        stack.StandIn.ClearRequests();
        var e = await Assert.ThrowsAsync<PlatformException>(() => platform.InjectAsync(new FaultRequest(FaultKind.MachineLoss, primary), None));
        OneLine.Mentions(e, "double-fault guard");
        Assert.DoesNotContain(stack.StandIn.Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task ADeletionRbacDeniesAfterDiscoveryDeletesNothingAndSaysWhatWasDenied()
    {
        await using var stack = new KubernetesStandInStack();
        await using var platform = stack.Platform();
        var replica = (await platform.ObserveAsync(None)).Find("pg-default-2")!;
        lock (stack.StandIn.Gate)
        {
            stack.StandIn.Denied.Add(("delete", "pods"));
        }

        var e = await Assert.ThrowsAsync<PlatformException>(() => platform.InjectAsync(new FaultRequest(FaultKind.MachineLoss, replica), None));
        OneLine.Mentions(e, "denied delete pods pg-default-2", "403", "cannot delete resource \"pods\"", "docs/gameday-kubernetes.md");
        Assert.Empty(stack.StandIn.DeletedPods);
        Assert.Empty(stack.StandIn.DeletedClaims);
    }

    [Fact]
    public async Task MissingRbacIsFoundAtDiscoveryInOneLineNamingEveryMissingVerb()
    {
        await using var stack = new KubernetesStandInStack();
        lock (stack.StandIn.Gate)
        {
            stack.StandIn.Denied.Add(("delete", "persistentvolumeclaims"));
            stack.StandIn.Denied.Add(("patch", "clusters"));
        }

        await using var platform = stack.Platform();
        OneLine.Mentions(await Assert.ThrowsAsync<PlatformException>(() => platform.ResolveAsync(None)),
            "RBAC: the runner may not patch clusters.postgresql.cnpg.io pg-default, delete persistentvolumeclaims in namespace databases");
    }

    [Fact]
    public async Task ASecretGrantedOnlyByNamePassesForTheAppSecretAndNotForAnother()
    {
        await using var stack = new KubernetesStandInStack();
        lock (stack.StandIn.Gate)
        {
            // As infra/kubernetes/scheduledGameday.ts grants it: resourceNames [pg-default-app].
            stack.StandIn.GrantedByName["secrets"] = ["pg-default-app"];
        }

        await using (var platform = stack.Platform())
        {
            Assert.Equal("app", (await platform.ResolveAsync(None)).Username);
        }

        lock (stack.StandIn.Gate)
        {
            stack.StandIn.GrantedByName["secrets"] = ["pg-other-app"];
        }

        await using var other = stack.Platform();
        OneLine.Mentions(await Assert.ThrowsAsync<PlatformException>(() => other.ResolveAsync(None)), "RBAC: the runner may not get secrets pg-default-app in namespace databases");
    }

    [Fact]
    public async Task AForbiddenReadIsTheApiServersMessageInOneLine()
    {
        await using var stack = new KubernetesStandInStack();
        lock (stack.StandIn.Gate)
        {
            stack.StandIn.Denied.Add(("get", "clusters"));
        }

        await using var platform = stack.Platform();
        OneLine.Mentions(await Assert.ThrowsAsync<PlatformException>(() => platform.ResolveAsync(None)),
            "denied get clusters.postgresql.cnpg.io pg-default in namespace databases (403: clusters \"pg-default\".postgresql.cnpg.io is forbidden");
    }

    [Fact]
    public async Task AClusterThatIsNotThereOrAWrongNamespaceIsOneLine()
    {
        await using var stack = new KubernetesStandInStack();
        var options = stack.Options();
        options.Namespace = "database";
        await using (var platform = stack.Platform(options))
        {
            OneLine.Mentions(await Assert.ThrowsAsync<PlatformException>(() => platform.ResolveAsync(None)),
                "Cluster pg-default not found in namespace database (context stand-in", "CHAOS_KUBE_NAMESPACE");
        }

        lock (stack.StandIn.Gate)
        {
            stack.StandIn.Cluster = null;
        }

        await using var again = stack.Platform();
        OneLine.Mentions(await Assert.ThrowsAsync<PlatformException>(() => again.ObserveAsync(None)), "Cluster pg-default not found in namespace databases");
    }

    [Fact]
    public async Task AClusterOfAnotherCellIsNotTouched()
    {
        await using var stack = new KubernetesStandInStack();
        stack.Cluster.Labels["resilience.dev/cell"] = "eu-2";
        await using var platform = stack.Platform();
        OneLine.Mentions(await Assert.ThrowsAsync<PlatformException>(() => platform.ResolveAsync(None)), "belongs to cell eu-2", "refusing to touch it");
    }

    [Fact]
    public async Task PrometheusUnreachableOrDownIsOneLine()
    {
        await using var stack = new KubernetesStandInStack();
        var options = stack.Options();
        options.PrometheusUrl = new Uri("http://127.0.0.1:9/");
        await using (var platform = stack.Platform(options))
        {
            OneLine.Mentions(await Assert.ThrowsAsync<PlatformException>(() => platform.ResolveAsync(None)), "Prometheus at http://127.0.0.1:9/ is unreachable", "CHAOS_PROMETHEUS_URL");
        }

        stack.StandIn.PrometheusDown = true;
        await using var down = stack.Platform();
        OneLine.Mentions(await Assert.ThrowsAsync<PlatformException>(() => down.ResolveAsync(None)), "answered /api/v1/alerts with 503");
    }

    [Fact]
    public async Task ATokenTheServerDoesNotKnowIsOneLine()
    {
        await using var stack = new KubernetesStandInStack();
        await File.WriteAllTextAsync(stack.Kubeconfig, (await File.ReadAllTextAsync(stack.Kubeconfig)).Replace(stack.StandIn.Token, "expired", StringComparison.Ordinal));
        await using var platform = stack.Platform();
        OneLine.Mentions(await Assert.ThrowsAsync<PlatformException>(() => platform.ResolveAsync(None)), "refused the runner's credentials (401");
    }

    [Fact]
    public async Task RollbackAsksTheClusterForTheDesiredInstanceCountOnlyWhenItDiffers()
    {
        await using var stack = new KubernetesStandInStack();
        await using var platform = stack.Platform();
        await platform.ResolveAsync(None);
        await platform.RestoreDesiredStateAsync(None);
        Assert.DoesNotContain(stack.StandIn.Requests, r => r.Method == "PATCH");

        stack.Cluster.Instances = 5;
        await platform.RestoreDesiredStateAsync(None);
        var patch = Assert.Single(stack.StandIn.Requests, r => r.Method == "PATCH");
        Assert.Equal("application/merge-patch+json; charset=utf-8", patch.ContentType);
        Assert.Equal(3, stack.Cluster.Instances);
    }

    [Fact]
    public async Task ObservingEvery50MsReadsTheApiServerAtMostOnceASecond()
    {
        await using var stack = new KubernetesStandInStack();
        await using var platform = stack.Platform();
        await platform.ResolveAsync(None);
        stack.StandIn.ClearRequests();
        var started = TimeProvider.System.GetTimestamp();
        var observations = 0;
        while (TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(3))
        {
            await platform.ObserveAsync(None);
            observations++;
            await Task.Delay(50);
        }

        var reads = stack.StandIn.Requests.Count(r => r.Method == "GET" && r.Path.EndsWith("/clusters/pg-default", StringComparison.Ordinal));
        Assert.True(observations > 20, $"{observations} observations");
        // At most one read per started second of the window (3 s, and the one in flight when it ends).
        Assert.InRange(reads, 2, 4);
        Assert.Equal(reads, stack.StandIn.Requests.Count(r => r.Path == "/api/v1/namespaces/databases/pods"));
    }

    [Fact]
    public async Task ADoubleFaultsSecondDeletionPassesTheGuardBecauseTheFirstIsItsOwn()
    {
        await using var stack = new KubernetesStandInStack();
        await using var platform = stack.Platform();
        var observation = await platform.ObserveAsync(None);
        await platform.InjectAsync(new FaultRequest(FaultKind.MachineLoss, observation.Find("pg-default-2")!), None);
        lock (stack.StandIn.Gate)
        {
            stack.Cluster.Phase = "Creating a new replica";
            stack.Cluster.ReadyInstances = 2;
        }

        await platform.InjectAsync(new FaultRequest(FaultKind.MachineLoss, observation.Primary!), None);
        Assert.Equal(["pg-default-2", "pg-default-1"], stack.StandIn.DeletedPods);

        await platform.RestoreDesiredStateAsync(None);
        var e = await Assert.ThrowsAsync<PlatformException>(() => platform.InjectAsync(new FaultRequest(FaultKind.MachineLoss, observation.Find("pg-default-3")!), None));
        OneLine.Mentions(e, "double-fault guard");
    }
}
