using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Scenarios;
using Resilience.ChaosSuite.Tests.TestSupport;
using Resilience.ChaosSuite.Timeline;
using Resilience.ChaosSuite.Verdicts;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Tests.Scenarios;

/// <summary>The runner's abort, rollback and watchdog paths, on a fake platform, a fake workload and a fake clock.</summary>
public class ScenarioRunnerTests
{
    [Fact]
    public async Task Ctrl_C_after_the_fault_lifts_it_restores_the_desired_state_and_reports_aborted()
    {
        var run = new ScenarioHarness(new FreezePrimaryAndWait());

        var result = await run.RunAsync(onceInjected: h => h.Interrupt.Cancel());

        Assert.Equal(ScenarioOutcome.Aborted, result.Outcome);
        Assert.Equal("safety stop: interrupted (Ctrl-C, SIGTERM or SIGHUP)", result.AbortReason);
        Assert.Equal(["resolve", "freeze pg-1", "lift freeze pg-1", "restore"], run.Platform.CallsSoFar());
        Assert.Equal(["prepare", "start", "stop", "verify", "delete"], run.Workload.Calls);
        Assert.True(run.Workload.Disposed);
        Assert.Contains(result.Phases, p => p.Name == PhaseNames.FaultLifted);
    }

    [Fact]
    public async Task The_hard_deadline_stops_the_scenario_and_rolls_it_back()
    {
        var run = new ScenarioHarness(new FreezePrimaryAndWait { Deadline = TimeSpan.FromSeconds(2) });

        var result = await run.RunAsync();

        Assert.Equal("safety stop: hard deadline of 2 s passed", result.AbortReason);
        Assert.Equal(["resolve", "freeze pg-1", "lift freeze pg-1", "restore"], run.Platform.CallsSoFar());
    }

    [Fact]
    public async Task A_platform_that_cannot_be_observed_for_the_limit_stops_the_scenario()
    {
        var run = new ScenarioHarness(new FreezePrimaryAndWait(), o => o.UnobservableStop = TimeSpan.FromSeconds(1));

        var result = await run.RunAsync(onceInjected: h => h.Platform.ObserveFailure = new PlatformException("etcd is down"));

        Assert.Equal("safety stop: the platform could not be observed for 1 s (etcd is down)", result.AbortReason);
        Assert.Equal(["resolve", "freeze pg-1", "lift freeze pg-1", "restore"], run.Platform.CallsSoFar());
    }

    [Fact]
    public async Task A_scenario_safety_stop_on_an_observation_stops_it()
    {
        var run = new ScenarioHarness(new FreezePrimaryAndWait());

        var result = await run.RunAsync(onceInjected: h => h.Platform.Current = Cluster.Of(Cluster.Primary("pg-1", null), Cluster.Primary("pg-2", "readers")));

        Assert.Equal("safety stop: two primaries", result.AbortReason);
        Assert.Contains("lift freeze pg-1", run.Platform.CallsSoFar());
    }

    [Fact]
    public async Task A_failing_scenario_rollback_still_lifts_the_fault_and_restores()
    {
        var run = new ScenarioHarness(new FreezePrimaryAndWait { Deadline = TimeSpan.FromSeconds(1), RollbackFailure = new PlatformException("cannot undo") });

        var result = await run.RunAsync();

        Assert.Equal(ScenarioOutcome.Aborted, result.Outcome);
        Assert.Equal(["resolve", "freeze pg-1", "lift freeze pg-1", "restore"], run.Platform.CallsSoFar());
        Assert.Contains("rollback did not complete: cannot undo", run.Progress.Lines);
    }

    [Fact]
    public async Task A_platform_that_fails_to_inject_aborts_the_scenario_and_still_restores()
    {
        var run = new ScenarioHarness(new FreezePrimaryAndWait());
        run.Platform.InjectFailure = new PlatformException("SIGSTOP failed: no such process");

        var result = await run.RunAsync();

        Assert.Equal("the platform failed: SIGSTOP failed: no such process", result.AbortReason);
        Assert.Equal(["resolve", "freeze pg-1", "restore"], run.Platform.CallsSoFar());
    }

    [Fact]
    public async Task A_workload_without_acknowledged_writes_before_the_fault_injects_nothing()
    {
        var run = new ScenarioHarness(new FreezePrimaryAndWait(), workload: new FakeWorkload { Answers = false });

        var result = await run.RunAsync();

        Assert.Equal("steady state: no write was acknowledged through 127.0.0.1:1 before the fault", result.AbortReason);
        Assert.Equal(["resolve", "restore"], run.Platform.CallsSoFar());
    }

    [Fact]
    public async Task A_platform_that_cannot_host_the_scenario_is_refused_before_anything_is_touched()
    {
        var run = new ScenarioHarness(new FreezePrimaryAndWait());
        run.Platform.Capabilities = run.Platform.Capabilities with { Faults = new Dictionary<FaultKind, string> { [FaultKind.MachineLoss] = "reboot" } };

        var result = await run.RunAsync();

        Assert.Equal(ScenarioOutcome.Aborted, result.Outcome);
        Assert.StartsWith("scenario freeze-and-wait needs the fault freeze, which platform fake (stack local) cannot inject", result.AbortReason, StringComparison.Ordinal);
        Assert.Empty(run.Platform.CallsSoFar());
        Assert.Empty(run.Workload.Calls);
        Assert.Equal(0, run.Platform.Observations);
    }

    [Fact]
    public async Task A_scenario_that_ends_on_its_own_passes_and_its_fault_is_lifted_once()
    {
        var run = new ScenarioHarness(new FreezePrimaryAndWait { Hold = TimeSpan.FromSeconds(1) });

        var result = await run.RunAsync();

        Assert.Null(result.AbortReason);
        Assert.Equal(ScenarioOutcome.Passed, result.Outcome);
        Assert.Equal(["resolve", "freeze pg-1", "lift freeze pg-1", "restore"], run.Platform.CallsSoFar());
        Assert.Equal(0, result.Measurements.Get("lostWrites"));
    }

    [Fact]
    public async Task The_member_the_platform_reports_it_hit_is_the_one_recorded_and_measured()
    {
        var run = new ScenarioHarness(new FreezePrimaryAndWait { Hold = TimeSpan.FromSeconds(1) });
        run.Platform.HitsInstead = "pg-2";

        var result = await run.RunAsync();

        Assert.Equal("pg-2", result.Fault?.TargetMember);
        Assert.False(result.Fault?.TargetWasPrimary);
        Assert.Contains("pg-2", result.Fault?.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("pg-1", result.Fault?.Description, StringComparison.Ordinal);
    }

    /// <summary>Freezes the primary, then holds (for <see cref="Hold"/>, or until stopped).</summary>
    private sealed class FreezePrimaryAndWait : ChaosScenario
    {
        public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(60);

        public TimeSpan Hold { get; init; } = Timeout.InfiniteTimeSpan;

        public Exception? RollbackFailure { get; init; }

        public override string Name => "freeze-and-wait";

        public override string Summary => "a test scenario";

        public override IReadOnlyList<FaultKind> RequiredFaults { get; } = [FaultKind.Freeze];

        public override IReadOnlyList<string> JudgedMeasurements { get; } = ["lostWrites"];

        public override TimeSpan HardDeadline(StackSpec spec) => Deadline;

        public override IReadOnlyList<string> Plan(StackSpec spec, ClusterObservation? observation) => ["freeze the primary and wait"];

        public override async Task RunAsync(ScenarioContext context, CancellationToken cancellationToken)
        {
            await context.InjectAsync($"{context.Latest.Primary!.Name} frozen", FaultKind.Freeze, context.Latest.Primary!, expectedFailovers: 0, cancellationToken);
            await context.DelayAsync(Hold, cancellationToken);
        }

        public override Task RollbackAsync(ScenarioContext context, CancellationToken cancellationToken) =>
            RollbackFailure is null ? Task.CompletedTask : Task.FromException(RollbackFailure);

        public override string? SafetyStop(ScenarioContext context, ClusterObservation observation) =>
            observation.PrimaryCount > 1 ? "two primaries" : null;
    }
}
