using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Reports;
using Resilience.ChaosSuite.Scenarios;
using Resilience.ChaosSuite.Tests.TestSupport;
using Resilience.ChaosSuite.Timeline;
using Resilience.ChaosSuite.Verdicts;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Tests.Scenarios;

/// <summary>
/// resilience:gameday.targets through the real runner: a scenario with an override is planned, deadlined and judged
/// against it, every other scenario against the stack-wide resilience:recoveryTargets.
/// </summary>
public class ScenarioTargetsTests
{
    private const int FailedWrites = 5;

    /// <summary>The local stack (failedWrites 50 stack-wide) with primary-hang's failedWrites tightened to 3.</summary>
    private static StackSpec Spec()
    {
        var local = Stacks.Local();
        return local with
        {
            Gameday = local.Gameday with
            {
                Targets = new Dictionary<string, RecoveryTargets> { ["primary-hang"] = local.RecoveryTargets with { FailedWrites = 3 } },
            },
        };
    }

    [Fact]
    public async Task A_scenario_with_an_override_is_judged_against_it()
    {
        var scenario = new FailSomeWrites("primary-hang");

        var result = await new ScenarioHarness(scenario, spec: Spec()).RunAsync();

        var verdict = Assert.Single(result.Targets);
        Assert.Equal(3, verdict.Target);
        Assert.Equal(FailedWrites, verdict.Measured);
        Assert.False(verdict.Met);
        Assert.Equal("5 > 3", verdict.Note);
        Assert.Equal(ScenarioOutcome.Failed, result.Outcome);
        // The scenario's plan, its hard deadline and its run saw the same targets it was judged against.
        Assert.NotEmpty(scenario.SeenFailedWritesTargets);
        Assert.All(scenario.SeenFailedWritesTargets, t => Assert.Equal(3, t));
        Assert.Equal(3, scenario.DeadlineSawFailedWrites);
        Assert.Equal(3, scenario.RunSawFailedWrites);
    }

    [Fact]
    public async Task Another_scenario_of_the_same_stack_is_judged_against_the_stack_wide_target()
    {
        var spec = Spec();
        var scenario = new FailSomeWrites("primary-failure");

        var result = await new ScenarioHarness(scenario, spec: spec).RunAsync();

        var verdict = Assert.Single(result.Targets);
        Assert.Equal(spec.RecoveryTargets.FailedWrites, verdict.Target);
        Assert.True(verdict.Met);
        Assert.Equal(ScenarioOutcome.Passed, result.Outcome);
        Assert.Equal(spec.RecoveryTargets.FailedWrites, scenario.RunSawFailedWrites);
    }

    [Fact]
    public async Task Every_report_shows_each_scenario_s_own_target()
    {
        var spec = Spec();
        var hangRun = new ScenarioHarness(new FailSomeWrites("primary-hang"), spec: spec);
        var hang = await hangRun.RunAsync();
        var failure = await new ScenarioHarness(new FailSomeWrites("primary-failure"), spec: spec).RunAsync();
        var stackWide = spec.RecoveryTargets.FailedWrites;

        var report = ReportModelBuilder.Build(new RunResult("local", "fake", "gameday", 1, hangRun.Clock, hangRun.Clock.Now, [hang, failure]));

        var md = MarkdownReport.Render(report);
        Assert.Contains("| primary-hang | failedWrites | 5 | <= 3 | **no** |", md, StringComparison.Ordinal);
        Assert.Contains($"| primary-failure | failedWrites | 5 | <= {stackWide} | yes |", md, StringComparison.Ordinal);
        var junit = JunitReport.Render(report);
        Assert.Contains("failedWrites &lt;= 3", junit, StringComparison.Ordinal);
        Assert.Contains($"failedWrites &lt;= {stackWide}", junit, StringComparison.Ordinal);
        var html = HtmlReport.Render(report);
        Assert.Contains("<td>primary-hang</td><td>failedWrites</td><td>5</td><td>&lt;= 3</td>", html, StringComparison.Ordinal);
        Assert.Contains($"<td>primary-failure</td><td>failedWrites</td><td>5</td><td>&lt;= {stackWide}</td>", html, StringComparison.Ordinal);
        var json = JsonReport.Parse(JsonReport.Render(report))!;
        Assert.Equal([3, stackWide], json.Scenarios.Select(s => Assert.Single(s.Targets).Target));
    }

    [Fact]
    public async Task The_dry_run_shows_the_target_the_scenario_would_be_judged_against()
    {
        var spec = Spec();
        var runner = new ScenarioRunner(spec, new FakePlatform(), new RunClock(FakeTimeSteps.NewClock()), new ScenarioRunnerOptions { Seed = 1 }, new RecordingProgress());

        var hang = await runner.DryRunAsync(new FailSomeWrites("primary-hang"), CancellationToken.None);
        var failure = await runner.DryRunAsync(new FailSomeWrites("primary-failure"), CancellationToken.None);

        Assert.Contains("judges: failedWrites <= 3", hang.Plan);
        Assert.Contains($"judges: failedWrites <= {spec.RecoveryTargets.FailedWrites}", failure.Plan);
    }

    [Fact]
    public void Judge_takes_each_scenario_s_targets()
    {
        var spec = Spec();

        Assert.Equal(3, Judge.TargetsOf(spec, "primary-hang")["failedWrites"]);
        Assert.Equal(spec.RecoveryTargets.FailedWrites, Judge.TargetsOf(spec, "primary-failure")["failedWrites"]);
        Assert.Equal(spec.Backup.Targets.RestoreSeconds, Judge.TargetsOf(spec, "primary-hang")["restoreSeconds"]);
    }

    /// <summary>Freezes the primary, records <see cref="FailedWrites"/> failed writes, holds 1 s; judges failedWrites.</summary>
    private sealed class FailSomeWrites(string name) : ChaosScenario
    {
        public List<int> SeenFailedWritesTargets { get; } = [];

        public int RunSawFailedWrites { get; private set; } = -1;

        public int DeadlineSawFailedWrites { get; private set; } = -1;

        public override string Name => name;

        public override string Summary => "a test scenario under a real scenario's name";

        public override IReadOnlyList<FaultKind> RequiredFaults { get; } = [FaultKind.Freeze];

        public override IReadOnlyList<string> JudgedMeasurements { get; } = ["failedWrites"];

        public override TimeSpan HardDeadline(StackSpec spec)
        {
            DeadlineSawFailedWrites = spec.RecoveryTargets.FailedWrites;
            return TimeSpan.FromSeconds(60);
        }

        public override IReadOnlyList<string> Plan(StackSpec spec, ClusterObservation? observation)
        {
            SeenFailedWritesTargets.Add(spec.RecoveryTargets.FailedWrites);
            return [$"fail {FailedWrites} writes (failedWrites <= {spec.RecoveryTargets.FailedWrites})"];
        }

        public override async Task RunAsync(ScenarioContext context, CancellationToken cancellationToken)
        {
            RunSawFailedWrites = context.Spec.RecoveryTargets.FailedWrites;
            await context.InjectAsync($"{context.Latest.Primary!.Name} frozen", FaultKind.Freeze, context.Latest.Primary!, expectedFailovers: 0, cancellationToken);
            var now = context.Clock.Now;
            for (var i = 0; i < FailedWrites; i++)
            {
                context.Timeline.Add(new OperationRecord(OperationKind.Write, now, now, false, null, null, false, "connection refused"));
            }

            await context.DelayAsync(TimeSpan.FromSeconds(1), cancellationToken);
        }

        public override Task RollbackAsync(ScenarioContext context, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
