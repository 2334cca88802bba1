using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Platform.Kubernetes;
using Resilience.ChaosSuite.Platform.Local;
using Resilience.ChaosSuite.Tests.Platform.Aws;
using Resilience.ChaosSuite.Tests.TestSupport;
using Resilience.Topology;
using Xunit.Abstractions;

namespace Resilience.ChaosSuite.Tests.Platform.Kubernetes;

/// <summary>
/// The Kubernetes adapter end to end: the stand-in plays the API server (and Prometheus), <see cref="LocalMembersAsPods"/>
/// plays the operator over a real local cluster (ports 31350-31383), so the pod and PVC the adapter deletes kill a real
/// member, the replacement is a real new member, a promote is a real Patroni switchover, and the workload, its ledger,
/// the measurements and the reports run for real.
/// </summary>
[Trait("Category", "Integration")]
public sealed class KubernetesEndToEndTests(ITestOutputHelper log)
{
    private const int PortBase = 31350;

    [Theory]
    [InlineData("replica-hardware-failure")]
    [InlineData("primary-failure")]
    public Task AScenarioDeletesARealMemberAndRunsWorkloadLedgerMeasurementsAndReportsForReal(string scenario) => OnRealMembersAsync(async (stack, pods) =>
    {
        var reports = Directory.CreateTempSubdirectory("chaos-k8s-e2e-reports-").FullName;
        try
        {
            var (code, output, error) = await AwsCliTests.RunAsync(
                spec => new KubernetesPlatform(spec, stack.Options()),
                "run", scenario, "--stack", "k8s-staging", "--report-dir", reports, "--seed", "7");
            log.WriteLine(output);
            log.WriteLine(error);

            Assert.True(code is 0 or 1, $"exit {code}: {error}");
            var deleted = Assert.Single(stack.StandIn.DeletedPods);
            Assert.Single(pods.Killed);
            Assert.Equal(scenario == "primary-failure" ? [] : [deleted], stack.StandIn.DeletedClaims);
            Assert.All(["report.json", "report.md", "junit.xml", "report.html"], f => Assert.True(File.Exists(Path.Combine(reports, f)), f));
            using var report = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(reports, "report.json")));
            Assert.Equal("kubernetes", report.RootElement.GetProperty("platform").GetString());
            var run = report.RootElement.GetProperty("scenarios")[0];
            Assert.NotEqual("aborted", run.GetProperty("outcome").GetString());
            var measurements = run.GetProperty("measurements");
            Assert.Equal(0, measurements.GetProperty("lostWrites").GetDouble());
            Assert.True(measurements.GetProperty("replacementSeconds").GetDouble() > 0);
            Assert.True(measurements.GetProperty(scenario == "primary-failure" ? "writeUnavailableSeconds" : "readerRemovalSeconds").GetDouble() > 0);
        }
        finally
        {
            Directory.Delete(reports, recursive: true);
        }
    });

    [Fact]
    public Task APromoteIsARealSwitchoverToTheFirstWarmReplicaWithNoAcknowledgedWriteLost() => OnRealMembersAsync(async (stack, pods) =>
    {
        await using var platform = new KubernetesPlatform(stack.Spec, stack.Options());
        var access = await platform.ResolveAsync(CancellationToken.None);
        await using var writes = await AcknowledgedWriteLoop.StartAsync(access, CancellationToken.None);
        await writes.AcknowledgedMoreAsync(20, TimeSpan.FromSeconds(30));
        var observation = await platform.ObserveAsync(CancellationToken.None);
        var primary = observation.Primary!;
        var expected = observation.Replicas().Where(m => m.CanSuffer(FaultKind.Switchover)).OrderBy(m => int.Parse(m.Name[(m.Name.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture)).First();
        var behindTarget = pods.MemberOf(expected.Name)!;

        var started = TimeProvider.System.GetTimestamp();
        var fault = await platform.InjectAsync(new FaultRequest(FaultKind.Switchover, primary), CancellationToken.None);
        var took = TimeProvider.System.GetElapsedTime(started);
        await writes.AcknowledgedMoreAsync(20, TimeSpan.FromSeconds(30));
        var missing = await writes.StopAndFindMissingAsync(CancellationToken.None);
        log.WriteLine($"promote {primary.Name} -> {fault.Member} ({behindTarget.Name}) in {took.TotalSeconds:0.00} s; {writes.Acknowledged.Count} writes acknowledged, {writes.Failed} failed, {missing.Count} missing");

        Assert.Equal(expected.Name, fault.Member);
        var patch = Assert.Single(stack.StandIn.Requests, r => r.Method == "PATCH");
        Assert.EndsWith("/clusters/pg-default/status", patch.Path, StringComparison.Ordinal);
        Assert.Empty(stack.StandIn.DeletedPods);
        // What really changed: the local cluster's primary is the member behind the target pod, and the -rw Service answers from it.
        var local = await platform.ObserveAsync(CancellationToken.None);
        Assert.Equal(expected.Name, local.Primary?.Name);
        Assert.True(local.Find(expected.Name)!.InWriteEndpoint);
        Assert.Equal(behindTarget.DirectEndpoint, local.Primary!.DirectEndpoint);
        Assert.Empty(missing);
        Assert.True(writes.Acknowledged.Count >= 40);
    });

    [Fact]
    public Task PrimaryOverloadReadsTheAlarmFromPrometheusAlertsAndCountsNoFalseFailover() => OnRealMembersAsync(async (stack, _) =>
    {
        var m = await RunScenarioAsync(stack, "primary-overload");
        Assert.Empty(stack.StandIn.DeletedPods);
        Assert.True(m.GetProperty("alarmDetectSeconds").ValueKind == System.Text.Json.JsonValueKind.Number, "the alarm was never seen firing through /api/v1/alerts");
        Assert.InRange(m.GetProperty("alarmDetectSeconds").GetDouble(), 0.001, 600);
        Assert.Equal(0, m.GetProperty("falseFailovers").GetDouble());
        Assert.Equal(0, m.GetProperty("lostWrites").GetDouble());
        Assert.Contains(stack.StandIn.Requests, r => r.Path == "/api/v1/alerts");
    });

    [Fact]
    public Task ADoubleFaultDeletesAReplicaAndThePrimaryAndARemainingSynchronousStandbyIsPromotedWithNoLoss() => OnRealMembersAsync(async (stack, pods) =>
    {
        var m = await RunScenarioAsync(stack, "double-fault");
        Assert.Equal(2, stack.StandIn.DeletedPods.Count);
        Assert.Equal(2, pods.Killed.Count);
        // The replica lost its storage with it; the primary's claim is kept (CloudNativePG recreates the pod on it).
        Assert.Equal([stack.StandIn.DeletedPods[0]], stack.StandIn.DeletedClaims);
        Assert.Equal(0, m.GetProperty("lostWrites").GetDouble());
        Assert.True(m.GetProperty("writeUnavailableSeconds").GetDouble() > 0);
        Assert.True(m.GetProperty("replacementSeconds").GetDouble() > 0);
    });

    // `chaos run <scenario> --stack k8s-staging` through the adapter; the scenario's measurements from report.json.
    private async Task<System.Text.Json.JsonElement> RunScenarioAsync(KubernetesStandInStack stack, string scenario)
    {
        var reports = Directory.CreateTempSubdirectory("chaos-k8s-e2e-reports-").FullName;
        try
        {
            var (code, output, error) = await AwsCliTests.RunAsync(
                spec => new KubernetesPlatform(spec, stack.Options()),
                "run", scenario, "--stack", "k8s-staging", "--report-dir", reports, "--seed", "7");
            log.WriteLine(output);
            log.WriteLine(error);
            Assert.True(code is 0 or 1, $"exit {code}: {error}");
            using var report = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(reports, "report.json")));
            var run = report.RootElement.GetProperty("scenarios")[0];
            Assert.NotEqual("aborted", run.GetProperty("outcome").GetString());
            return run.GetProperty("measurements").Clone();
        }
        finally
        {
            Directory.Delete(reports, recursive: true);
        }
    }

    // A real local cluster projected into the stand-in as CloudNativePG's pods; everything stopped afterwards, whatever happened.
    private async Task OnRealMembersAsync(Func<KubernetesStandInStack, LocalMembersAsPods, Task> test)
    {
        var stateDir = $"/var/tmp/chaos-k8s-e2e-{Guid.NewGuid():N}"[..32];
        var stacksDir = Stacks.WriteLocalCopy("k8se2e", PortBase, stateDir);
        var local = new LocalPlatform(StackSpecLoader.LoadStack(stacksDir, "k8se2e"), new LocalPlatformOptions
        {
            RepoRoot = Stacks.RepoRoot,
            StackFilePath = StackSpecLoader.StackFilePath(stacksDir, "k8se2e"),
            StartTimeout = TestTimeouts.ClusterUp,
        });
        await using var stack = new KubernetesStandInStack();
        LocalMembersAsPods? pods = null;
        try
        {
            using (var up = new CancellationTokenSource(TestTimeouts.ClusterUp + TimeSpan.FromSeconds(30)))
            {
                await local.StartAsync(new Progress<string>(log.WriteLine), up.Token);
            }

            var access = await local.ResolveAsync(CancellationToken.None);
            pods = new LocalMembersAsPods(local, stack.StandIn, access, await access.Password.GetAsync(CancellationToken.None));
            await pods.SyncAsync(CancellationToken.None);
            Assert.Equal(3, stack.StandIn.Pods.Count);
            await test(stack, pods);
        }
        finally
        {
            if (pods is not null)
            {
                await pods.DisposeAsync();
            }

            using var down = new CancellationTokenSource(TestTimeouts.ClusterDown);
            await local.StopAsync(down.Token);
            await local.DisposeAsync();
            Directory.Delete(stacksDir, recursive: true);
        }
    }
}
