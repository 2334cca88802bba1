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

        var plan = new DoubleFault(new DoubleFaultOptions { Gap = TimeSpan.FromSeconds(1.5) }).Plan(Stacks.Local(), observation);

        Assert.Contains("kill a warm replica of group readers (now: pg-", plan[0], StringComparison.Ordinal);
        Assert.Contains("1.5 s later, kill the primary (now: pg-1)", plan[1], StringComparison.Ordinal);
        Assert.Contains("from the first loss", plan[2], StringComparison.Ordinal);
    }

    [Fact]
    public void Needs_two_warm_replicas_so_one_is_left_to_promote()
    {
        var spec = Stacks.Local();
        var scenario = new DoubleFault();

        Assert.Equal("fewer than two warm replicas: after losing one with the primary none would be left to promote",
            scenario.Precondition(spec, Cluster.Of(Cluster.Primary("pg-1", null), Cluster.Replica("pg-2"), Cluster.Replica("pg-3", gateOpen: false))));
        Assert.Null(scenario.Precondition(spec, Cluster.Of(Cluster.Primary("pg-1", null), Cluster.Replica("pg-2"), Cluster.Replica("pg-3"))));
    }

    [Fact]
    public void A_negative_gap_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DoubleFault(new DoubleFaultOptions { Gap = TimeSpan.FromSeconds(-1) }));
    }
}
