using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Reports;
using Resilience.ChaosSuite.Scenarios;
using Resilience.ChaosSuite.Scenarios.PrimaryOverload;
using Resilience.ChaosSuite.Timeline;
using Resilience.ChaosSuite.Verdicts;

namespace Resilience.ChaosSuite.Tests.Integration;

/// <summary>
/// Each scenario against the real local cluster. The verdict is the product: every run must pass the stack's
/// targets (Pulumi.local.yaml's, which the fixture copies). Bounds on times are generous (a 2-core machine
/// running the whole cluster): they check that every figure is present and plausible, not how fast; the
/// benchmark does that.
/// </summary>
[Collection(LocalClusterCollection.Name)]
[Trait("Category", "Integration")]
public class ScenarioIntegrationTests(LocalClusterFixture cluster)
{
    [Fact]
    public async Task Replica_hardware_failure_measures_removal_replacement_and_warmup()
    {
        var result = await cluster.RunAsync(ScenarioCatalog.Create("replica-hardware-failure")!);

        AssertCompleted(result);
        var m = result.Measurements;
        Assert.InRange(m.Get(MeasurementNames.ReaderRemovalSeconds)!.Value, 0, 30);
        Assert.InRange(m.Get(MeasurementNames.ReplacementSeconds)!.Value, 0.5, 240);
        Assert.InRange(m.Get(MeasurementNames.WarmupSeconds)!.Value, 0.1, 240);
        Assert.Equal(0, m.Get(MeasurementNames.LostWrites));
        Assert.Equal(0, m.Get(MeasurementNames.FailedReads));
        Assert.Equal(0, m.Get(MeasurementNames.ColdReads));
        Assert.Equal(0, m.Get(MeasurementNames.FalseFailovers));
        Assert.True(m.Observations["newMembers"] >= 1);
        Assert.Contains(result.Phases, p => p.Name == PhaseNames.ReaderRemoved);
        Assert.Contains(result.Phases, p => p.Name == PhaseNames.Recovered);
        AssertWorkloadRan(result);
        AssertReportWrites(result);
    }

    [Fact]
    public async Task Primary_failure_measures_write_unavailability_and_loses_no_acknowledged_write()
    {
        var result = await cluster.RunAsync(ScenarioCatalog.Create("primary-failure")!);

        AssertCompleted(result);
        var m = result.Measurements;
        Assert.InRange(m.Get(MeasurementNames.WriteUnavailableSeconds)!.Value, 0.1, 60);
        Assert.Equal(0, m.Get(MeasurementNames.LostWrites));
        Assert.InRange(m.Get(MeasurementNames.FailedWrites)!.Value, 0, cluster.Spec.TargetsFor("primary-failure").FailedWrites);
        Assert.InRange(m.Get(MeasurementNames.ReplacementSeconds)!.Value, 0.5, 240);
        Assert.True(m.Observations["promotions"] >= 1);
        Assert.Contains(result.Phases, p => p.Name == PhaseNames.Failover);
        AssertWorkloadRan(result);
    }

    [Fact]
    public async Task Primary_hang_never_lets_the_resumed_old_primary_accept_a_write()
    {
        var result = await cluster.RunAsync(ScenarioCatalog.Create("primary-hang")!);

        AssertCompleted(result);
        var m = result.Measurements;
        Assert.InRange(m.Get(MeasurementNames.WriteUnavailableSeconds)!.Value, 0.1, 60);
        Assert.Equal(0, m.Get(MeasurementNames.LostWrites));
        Assert.Equal(0, m.Get(MeasurementNames.OldPrimaryWrites));
        Assert.Equal(0, m.Observations["oldPrimaryDirectWriteAccepted"]);
        Assert.Contains(result.Phases, p => p.Name == PhaseNames.FaultLifted);
        AssertWorkloadRan(result);
    }

    [Fact]
    public async Task Primary_overload_from_many_client_addresses_fires_the_alarm()
    {
        var result = await cluster.RunAsync(new PrimaryOverloadScenario(new PrimaryOverloadOptions { AwaitScaleOut = false }));

        AssertCompleted(result);
        var m = result.Measurements;
        Assert.InRange(m.Get(MeasurementNames.AlarmDetectSeconds)!.Value, 0.1, 120);
        Assert.Equal(0, m.Get(MeasurementNames.FalseFailovers));
        Assert.Equal(0, m.Get(MeasurementNames.LostWrites));
        Assert.Equal(32, m.Observations["loadClientAddresses"]);
        // The ramp stops when the alarm fires, so how many connections were opened varies; each came from its own address.
        Assert.InRange(m.Observations["loadClientAddressesUsed"], 4, 32);
        Assert.True(m.Observations["loadConnectionsRelayed"] >= m.Observations["loadClientAddressesUsed"]);
        Assert.True(m.Observations["loadQueries"] > 0);
        Assert.True(m.Observations["writeLatencyP99MsUnderLoad"] >= m.Observations["writeLatencyP50MsUnderLoad"]);
        Assert.True(m.Observations.ContainsKey("shedRequests"));
        Assert.True(m.Observations.ContainsKey("scaleOutMembers"));
        Assert.Contains(result.Phases, p => p.Name == PhaseNames.AlarmDetected);
    }

    [Fact]
    public async Task App_faults_are_absorbed_by_the_client_pipeline()
    {
        var result = await cluster.RunAsync(ScenarioCatalog.Create("app-faults")!);

        AssertCompleted(result);
        var m = result.Measurements;
        // Relative to the work done, not absolute counts: throughput depends on the machine's load. Every
        // operation is at least one attempt, each injected at the scenario's rate (half of the expectation is
        // many standard deviations below it); a third of the injections are broken connections, each retried.
        var operations = m.Observations["acknowledgedWrites"] + m.Observations["answeredReads"];
        var injected = m.Observations["injected"];
        Assert.True(injected >= 0.5 * m.Observations["injectionRate"] * operations, $"{injected} injections into {operations} operations");
        Assert.True(m.Observations["retries"] >= injected / 6, $"{m.Observations["retries"]} retries for {injected} injections");
        Assert.Equal(0, m.Get(MeasurementNames.FailedReads));
        Assert.InRange(m.Get(MeasurementNames.FailedWrites)!.Value, 0, cluster.Spec.TargetsFor("app-faults").FailedWrites);
        Assert.Equal(0, m.Get(MeasurementNames.LostWrites));
        AssertWorkloadRan(result);
    }

    private static void AssertCompleted(ScenarioResult result)
    {
        Assert.True(
            result.Outcome == ScenarioOutcome.Passed,
            $"{result.Outcome}: {result.AbortReason} {string.Join("; ", result.Targets.Where(t => !t.Met).Select(t => $"{t.Name} {t.Measured} vs {t.Target}"))}");
        Assert.NotNull(result.Fault);
        Assert.NotEmpty(result.Targets);
        Assert.All(result.Targets, t => Assert.NotNull(t.Measured));
        Assert.Contains(result.Phases, p => p.Name == PhaseNames.FaultInjected);
        Assert.Contains(result.Phases, p => p.Name == PhaseNames.LedgerVerified);
        Assert.True(result.Measurements.Observations["sampleRateHz"] >= 5, "the platform was sampled");
    }

    private static void AssertWorkloadRan(ScenarioResult result)
    {
        Assert.True(result.Measurements.Observations["acknowledgedWrites"] > 100);
        Assert.True(result.Measurements.Observations["answeredReads"] > 400);
    }

    private static void AssertReportWrites(ScenarioResult result)
    {
        var directory = Directory.CreateTempSubdirectory("chaos-it-report-").FullName;
        try
        {
            var run = new RunResult("chaostest", "local", "run", 1, new RunClock(TimeProvider.System), result.EndedAt, [result]);
            var paths = ReportWriter.Write(ReportModelBuilder.Build(run), directory);
            var json = File.ReadAllText(paths[0]);
            Assert.Contains("\"readerRemovalSeconds\"", json, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
