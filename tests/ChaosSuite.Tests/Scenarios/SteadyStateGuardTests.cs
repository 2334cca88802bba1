using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Scenarios;
using Resilience.ChaosSuite.Tests.TestSupport;

namespace Resilience.ChaosSuite.Tests.Scenarios;

public class SteadyStateGuardTests
{
    private static readonly Topology.StackSpec Spec = Stacks.Local();

    [Fact]
    public void A_healthy_cluster_passes_and_is_settled()
    {
        var healthy = Cluster.Of(Cluster.Primary("pg-1", null), Cluster.Replica("pg-2"), Cluster.Replica("pg-3")).WithAlarms(("primary-cpu-high", AlarmState.Ok));

        Assert.Null(SteadyStateGuard.Refusal(Spec, healthy));
        Assert.True(SteadyStateGuard.IsSettled(Spec, healthy));
    }

    [Fact]
    public void No_primary_means_a_failover_may_be_in_progress()
    {
        var refusal = SteadyStateGuard.Refusal(Spec, Cluster.Of(Cluster.Replica("pg-2"), Cluster.Replica("pg-3")));

        Assert.Equal("no running primary (a failover may be in progress)", refusal);
    }

    [Fact]
    public void Fewer_warm_replicas_than_the_minimum_is_refused()
    {
        var refusal = SteadyStateGuard.Refusal(Spec, Cluster.Of(Cluster.Primary("pg-1", null), Cluster.Replica("pg-2", gateOpen: false)));

        Assert.Equal("group readers has 0 warm replica(s) in the read endpoint, its minimum is 1", refusal);
    }

    [Fact]
    public void A_firing_alarm_is_refused()
    {
        var noisy = Cluster.Of(Cluster.Primary("pg-1", null), Cluster.Replica("pg-2"), Cluster.Replica("pg-3")).WithAlarms(("primary-cpu-high", AlarmState.Alarm));

        Assert.Equal("alarm(s) in ALARM: primary-cpu-high", SteadyStateGuard.Refusal(Spec, noisy));
    }

    [Fact]
    public void Above_the_minimum_but_below_desired_passes_the_guard_but_is_not_settled()
    {
        var degraded = Cluster.Of(Cluster.Primary("pg-1", null), Cluster.Replica("pg-2"));

        Assert.Null(SteadyStateGuard.Refusal(Spec, degraded));
        Assert.False(SteadyStateGuard.IsSettled(Spec, degraded));
    }
}
