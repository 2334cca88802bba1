using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Tests.TestSupport;

namespace Resilience.ChaosSuite.Tests.Measurement;

public class FailoversTests
{
    [Fact]
    public void Promotions_count_changes_of_the_primary_ignoring_observations_without_one()
    {
        var t = new SyntheticTimeline()
            .Observe(0, 5, Cluster.Of(Cluster.Primary("pg-1"), Cluster.Replica("pg-2")))
            .Observe(5, 8, Cluster.Of(Cluster.Replica("pg-2")))
            .Observe(8, 12, Cluster.Of(Cluster.Primary("pg-2")))
            .Observe(12, 15, Cluster.Of(Cluster.Primary("pg-3")));

        Assert.Equal(2, Failovers.Promotions(t.Snapshot(), 0, 15));
        Assert.Equal(1, Failovers.FalseFailovers(2, expected: 1));
        Assert.Equal(0, Failovers.FalseFailovers(0, expected: 1));
    }

    [Fact]
    public void With_a_planned_switchover_only_the_promotions_before_it_and_beyond_it_are_unplanned()
    {
        var planned = new SyntheticTimeline()
            .Observe(0, 10, Cluster.Of(Cluster.Primary("pg-1"), Cluster.Replica("pg-2")))
            .Observe(10, 20, Cluster.Of(Cluster.Replica("pg-1"), Cluster.Primary("pg-2")));
        var slowTakenForDead = new SyntheticTimeline()
            .Observe(0, 5, Cluster.Of(Cluster.Primary("pg-1"), Cluster.Replica("pg-2"), Cluster.Replica("pg-3")))
            .Observe(5, 10, Cluster.Of(Cluster.Replica("pg-1"), Cluster.Primary("pg-3"), Cluster.Replica("pg-2")))
            .Observe(10, 20, Cluster.Of(Cluster.Replica("pg-1"), Cluster.Primary("pg-2"), Cluster.Replica("pg-3")));
        var twiceAfter = new SyntheticTimeline()
            .Observe(0, 10, Cluster.Of(Cluster.Primary("pg-1"), Cluster.Replica("pg-2")))
            .Observe(10, 15, Cluster.Of(Cluster.Replica("pg-1"), Cluster.Primary("pg-2")))
            .Observe(15, 20, Cluster.Of(Cluster.Primary("pg-1"), Cluster.Replica("pg-2")));

        Assert.Equal(0, Failovers.Unplanned(planned.Snapshot(), 0, plannedAt: 9.99, 20));
        Assert.Equal(1, Failovers.Unplanned(slowTakenForDead.Snapshot(), 0, plannedAt: 9.99, 20));
        Assert.Equal(1, Failovers.Unplanned(twiceAfter.Snapshot(), 0, plannedAt: 9.99, 20));
        Assert.Equal(1, Failovers.Unplanned(planned.Snapshot(), 0, plannedAt: null, 20));
    }

    [Fact]
    public void The_epoch_catches_a_flip_between_two_observations()
    {
        var t = new SyntheticTimeline()
            .Observe(0, 5, Cluster.Of(Cluster.Primary("pg-1")).WithEpoch(3))
            .Observe(5, 10, Cluster.Of(Cluster.Primary("pg-1")).WithEpoch(5));

        Assert.Equal(2, Failovers.Promotions(t.Snapshot(), 0, 10));
    }

    [Fact]
    public void Two_running_primaries_are_counted_as_split_brain_observations_and_neither_is_the_primary()
    {
        var both = Cluster.Of(Cluster.Primary("pg-1"), Cluster.Primary("pg-2"));
        var t = new SyntheticTimeline().Observe(0, 1, both);

        Assert.Null(both.Primary);
        Assert.Equal(20, Failovers.SplitBrainSamples(t.Snapshot()));
    }

    [Fact]
    public void New_primary_is_the_first_observation_with_another_member_leading()
    {
        var old = Cluster.Primary("pg-1");
        var t = new SyntheticTimeline()
            .Observe(0, 10.5, Cluster.Of(old, Cluster.Replica("pg-2")))
            .Observe(10.5, 12, Cluster.Of(old with { Health = MemberHealth.Down }, Cluster.Replica("pg-2")))
            .Observe(12, 14, Cluster.Of(Cluster.Primary("pg-2")));

        Assert.Equal(12, Failovers.NewPrimary(t.Snapshot(), SyntheticTimeline.Fault(10, old, 1))!.At, precision: 6);
    }
}
