using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Scenarios;
using Resilience.ChaosSuite.Timeline;
using Resilience.ChaosSuite.Verdicts;
using Xunit.Abstractions;

namespace Resilience.ChaosSuite.Tests.Integration;

/// <summary>Its own real local cluster on ports 31750-31783 (the degraded-host work's range).</summary>
public sealed class DegradedHostClusterFixture() : LocalClusterFixture(31750, "degradedhosttest");

/// <summary>Runs alone (like the shared cluster's collection): its commit-latency alarm is judged against a CPU starvation that a competing cluster would blur.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DegradedHostClusterCollection : ICollectionFixture<DegradedHostClusterFixture>
{
    public const string Name = "degraded-host cluster";
}

/// <summary>
/// The sick-host runbook against the real local stack: the primary's processes really throttled by the kernel's CPU
/// controller in spells, the supervisor's commit-latency alarm, Patroni's planned switchover, the sick member killed and
/// replaced. The run must pass Pulumi.local.yaml's targets, lose and fail no write, and leave no CPU group behind.
/// </summary>
[Collection(DegradedHostClusterCollection.Name)]
[Trait("Category", "Integration")]
public class DegradedHostIntegrationTests(DegradedHostClusterFixture cluster, ITestOutputHelper output)
{
    private static readonly string[] CgroupRoots = ["/sys/fs/cgroup/cpu", "/sys/fs/cgroup/cpu,cpuacct", "/sys/fs/cgroup", "/sys/fs/cgroup/unified"];

    [Fact]
    public async Task A_sick_primary_host_is_detected_switched_away_from_and_replaced_without_a_failed_or_lost_write()
    {
        var result = await cluster.RunAsync(ScenarioCatalog.Create("primary-degraded-host")!);

        var m = result.Measurements;
        output.WriteLine(string.Join(", ", m.Values.Select(v => $"{v.Key} {v.Value}").Concat(m.Observations.Select(o => $"{o.Key} {o.Value}"))));
        output.WriteLine(string.Join("\n", result.Phases.Select(p => $"{p.At:0.000} {p.Name} {p.Detail}")));
        Assert.True(result.Outcome == ScenarioOutcome.Passed, $"{result.Outcome}: {result.AbortReason} {string.Join("; ", result.Targets.Where(t => !t.Met).Select(t => $"{t.Name} {t.Measured} vs {t.Target}: {t.Note}"))}");
        var targets = cluster.Spec.TargetsFor("primary-degraded-host");
        Assert.InRange(m.Get(MeasurementNames.AlarmDetectSeconds)!.Value, 1, targets.AlarmDetectSeconds);
        Assert.InRange(m.Get(MeasurementNames.SwitchoverWriteUnavailableSeconds)!.Value, 0.01, targets.SwitchoverWriteUnavailableSeconds);
        Assert.InRange(m.Get(MeasurementNames.ReplacementSeconds)!.Value, 1, targets.ReplacementSeconds);
        Assert.Equal(0, m.Get(MeasurementNames.FailedWrites));
        Assert.Equal(0, m.Get(MeasurementNames.LostWrites));
        Assert.Equal(0, m.Get(MeasurementNames.FalseFailovers));
        Assert.Equal(1, m.Observations["promotions"]);
        Assert.True(m.Observations["acknowledgedWrites"] > 100);
        foreach (var phase in new[] { PhaseNames.AlarmDetected, PhaseNames.SwitchoverRequested, PhaseNames.SwitchoverWritesAvailable, PhaseNames.ReplacementRequested, PhaseNames.Recovered, PhaseNames.FaultLifted })
        {
            Assert.Contains(result.Phases, p => p.Name == phase);
        }

        var left = StackCpuGroups();
        Assert.True(left.Count == 0, $"CPU groups left behind: {string.Join(", ", left)}");
        var observation = await cluster.Platform.ObserveAsync(CancellationToken.None);
        Assert.Null(observation.Find(result.Fault!.TargetMember!));
    }

    [Fact]
    public async Task Sigterm_while_the_primary_is_starved_lifts_the_starvation_and_reports_aborted()
    {
        using var timeout = new CancellationTokenSource(TestSupport.TestTimeouts.Scenario);
        await cluster.SettleAsync(timeout.Token);
        var reports = Directory.CreateTempSubdirectory("chaos-it-degraded-sigterm-").FullName;
        using var run = new TestSupport.ChaosRun("run", "primary-degraded-host", "--stack", cluster.Spec.StackName, "--stacks-dir", cluster.StacksDir, "--report-dir", reports, "--seed", "5");
        var chaos = run.Process;
        try
        {
            await run.WaitForFaultInjectedAsync(timeout.Token);
            var group = await Topology.Time.Poll.UntilAsync(
                _ => Task.FromResult(StackCpuGroups().FirstOrDefault(g => File.ReadAllText(Path.Combine(g, "cgroup.procs")).Length > 0)),
                TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100), TimeProvider.System, timeout.Token);
            Assert.True(group is not null, "the fault was reported injected but no CPU group of the stack holds a process:\n" + run.Log);

            TestSupport.ChaosProcess.Signal(chaos.Id, "TERM");
            await run.WaitForExitAsync(timeout.Token);
            var log = run.Log;

            Assert.True(chaos.ExitCode == ExitCodes.Aborted, $"exit {chaos.ExitCode}:\n{log}");
            Assert.False(Directory.Exists(group), $"{group} is left behind:\n{log}");
            var report = await File.ReadAllTextAsync(Path.Combine(reports, "report.json"), timeout.Token);
            Assert.Contains("\"phase\": \"fault-lifted\"", report, StringComparison.Ordinal);
            await cluster.SettleAsync(timeout.Token);
        }
        finally
        {
            run.Dispose();
            Directory.Delete(reports, recursive: true);
        }
    }

    /// <summary>This stack's CPU groups (resilience-&lt;stack&gt;-&lt;portBase&gt;-&lt;member&gt;) under whichever hierarchy is mounted.</summary>
    private List<string> StackCpuGroups() =>
        [.. CgroupRoots.Select(r => Path.Combine(r, "resilience")).Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateDirectories(d, $"resilience-{cluster.Spec.StackName}-*"))];
}
