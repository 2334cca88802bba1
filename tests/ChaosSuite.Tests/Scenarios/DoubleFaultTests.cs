using Resilience.ChaosSuite.Cli;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Scenarios.DoubleFault;
using Resilience.ChaosSuite.Tests.TestSupport;

namespace Resilience.ChaosSuite.Tests.Scenarios;

public class DoubleFaultTests
{
    [Fact]
    public void Every_default_is_pinned()
    {
        var options = new DoubleFaultOptions();

        Assert.Equal(TimeSpan.FromSeconds(0.2), options.Gap);
        Assert.Null(options.Group);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RecoveryGrace);
        Assert.Equal(TimeSpan.FromSeconds(60), options.HardDeadlineMargin);
        Assert.Equal(4, options.NoPrimaryStopFactor);
    }

    [Fact]
    public void The_plan_names_the_replica_then_the_primary_and_the_gap()
    {
        var observation = Cluster.Of(Cluster.Primary("pg-1", null), Cluster.Replica("pg-2"), Cluster.Replica("pg-3"));

        var plan = new DoubleFaultScenario(new DoubleFaultOptions { Gap = TimeSpan.FromSeconds(1.5) }).Plan(Stacks.Local(), observation);

        Assert.Contains("kill a warm replica of group readers (now: pg-", plan[0], StringComparison.Ordinal);
        Assert.Contains("1.5 s later, kill the primary (now: pg-1)", plan[1], StringComparison.Ordinal);
        Assert.Contains("from the first loss", plan[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Needs_two_warm_replicas_so_one_is_left_to_promote()
    {
        var spec = Stacks.Local();
        var scenario = new DoubleFaultScenario();

        Assert.Equal("fewer than two warm replicas: after losing one with the primary none would be left to promote",
            scenario.Precondition(spec, Cluster.Of(Cluster.Primary("pg-1", null), Cluster.Replica("pg-2"), Cluster.Replica("pg-3", gateOpen: false))));
        Assert.Null(scenario.Precondition(spec, Cluster.Of(Cluster.Primary("pg-1", null), Cluster.Replica("pg-2"), Cluster.Replica("pg-3"))));
    }

    [Fact]
    public void A_negative_gap_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DoubleFaultScenario(new DoubleFaultOptions { Gap = TimeSpan.FromSeconds(-1) }));
    }

    public static TheoryData<string, string> UnsteadyStacks => new()
    {
        { "no-primary", "no running primary (a failover may be in progress)" },
        { "stuck-alarm", "alarm(s) in ALARM: no-safe-failover-candidate" },
    };

    [Theory]
    [MemberData(nameof(UnsteadyStacks))]
    public async Task The_steady_state_guard_refuses_to_start_it_on_an_unsteady_stack(string state, string refusal)
    {
        var steady = Cluster.Of(Cluster.Primary("pg-1", null), Cluster.Replica("pg-2"), Cluster.Replica("pg-3"));
        var platform = new FakePlatform
        {
            Current = state == "no-primary"
                ? Cluster.Of(Cluster.Replica("pg-2"), Cluster.Replica("pg-3"))
                : steady.WithAlarms(("no-safe-failover-candidate", AlarmState.Alarm)),
        };
        var reports = Directory.CreateTempSubdirectory("double-fault-guard-").FullName;
        using var output = new StringWriter();
        try
        {
            var env = new CliEnvironment
            {
                Out = output,
                Error = new StringWriter(),
                IsTerminal = false,
                WorkingDirectory = Stacks.RepoRoot,
                CreatePlatform = (_, _) => platform,
            };

            var code = await ChaosCli.RunAsync(["run", "double-fault", "--report-dir", reports], env);

            Assert.Equal(3, code);
            Assert.Contains($"preflight refused to inject: {refusal}", output.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(platform.Calls, c => c.StartsWith(FaultNames.Of(FaultKind.MachineLoss), StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(reports, recursive: true);
        }
    }
}
