using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Tests.TestSupport;

namespace Resilience.ChaosSuite.Tests.Measurement;

public class GroupRecoveryTests
{
    private static readonly Dictionary<string, int> Desired = new() { ["readers"] = 2 };

    [Fact]
    public void Replica_loss_recovers_when_the_replacement_is_warm_and_routed()
    {
        var victim = Cluster.Replica("pg-2");
        var t = new SyntheticTimeline()
            .Observe(0, 10, Cluster.Of(Cluster.Primary("pg-1", null), victim, Cluster.Replica("pg-3")))
            .Observe(10, 12, Cluster.Of(Cluster.Primary("pg-1", null), Cluster.Replica("pg-3")))
            .Observe(12, 18, Cluster.Of(Cluster.Primary("pg-1", null), Cluster.Replica("pg-3"), Cluster.Replica("pg-4", health: MemberHealth.Starting, gateOpen: false, routed: false)))
            .Observe(18, 19.5, Cluster.Of(Cluster.Primary("pg-1", null), Cluster.Replica("pg-3"), Cluster.Replica("pg-4", gateOpen: false, routed: false)))
            .Observe(19.5, 20, Cluster.Of(Cluster.Primary("pg-1", null), Cluster.Replica("pg-3"), Cluster.Replica("pg-4", routed: false)))
            .Observe(20, 25, Cluster.Of(Cluster.Primary("pg-1", null), Cluster.Replica("pg-3"), Cluster.Replica("pg-4")));
        var fault = SyntheticTimeline.Fault(10, victim, 0, "pg-1", "pg-2", "pg-3");

        Assert.Equal(10.0, GroupRecovery.ReplacementSeconds(t.Snapshot(), fault, Desired)!.Value, precision: 6);
        var replacement = Assert.Single(GroupRecovery.NewMembers(t.Snapshot(), fault));
        Assert.Equal("pg-4", replacement.Name);
        Assert.Equal(12.0, replacement.CreatedAt, precision: 6);
        Assert.Equal(7.5, GroupRecovery.WarmupSeconds([replacement])!.Value, precision: 6);
    }

    [Fact]
    public void A_stale_observation_listing_the_lost_member_as_warm_does_not_count()
    {
        var victim = Cluster.Replica("pg-2");
        var stale = Cluster.Of(Cluster.Primary("pg-1", null), victim, Cluster.Replica("pg-3"));

        Assert.False(GroupRecovery.IsRecovered(stale, victim.Name, Desired));
        Assert.True(GroupRecovery.IsRecovered(stale, null, Desired));
    }

    [Fact]
    public void Primary_loss_recovers_when_the_writer_slot_is_refilled_LocalCluster_style()
    {
        // LocalCluster keeps the promoted replica in its group and refills the writer's slot (group null here).
        var promoted = Cluster.Of(Cluster.Primary("pg-2", "readers"), Cluster.Replica("pg-3"));
        var refilled = Cluster.Of(Cluster.Primary("pg-2", "readers"), Cluster.Replica("pg-3"), Cluster.Replica("pg-4", group: null!));

        Assert.False(GroupRecovery.IsRecovered(promoted, "pg-1", Desired));
        Assert.True(GroupRecovery.IsRecovered(refilled, "pg-1", Desired));
    }

    [Fact]
    public void Primary_loss_recovers_when_the_group_is_refilled_Aurora_style()
    {
        var promoted = Cluster.Of(Cluster.Primary("pg-2", null), Cluster.Replica("pg-3"));
        var refilled = Cluster.Of(Cluster.Primary("pg-2", null), Cluster.Replica("pg-3"), Cluster.Replica("pg-4"));

        Assert.False(GroupRecovery.IsRecovered(promoted, "pg-1", Desired));
        Assert.True(GroupRecovery.IsRecovered(refilled, "pg-1", Desired));
    }

    [Fact]
    public void The_failed_primary_still_listed_as_primary_is_not_recovered()
    {
        var before = Cluster.Of(Cluster.Primary("pg-1", null), Cluster.Replica("pg-2"), Cluster.Replica("pg-3"));

        Assert.False(GroupRecovery.IsRecovered(before, "pg-1", Desired));
    }

    [Fact]
    public void A_new_member_whose_gate_never_opens_has_no_warmup()
    {
        var t = new SyntheticTimeline()
            .Observe(10, 20, Cluster.Of(Cluster.Primary("pg-1"), Cluster.Replica("pg-4", gateOpen: false, routed: false)));
        var members = GroupRecovery.NewMembers(t.Snapshot(), SyntheticTimeline.Fault(10, Cluster.Replica("pg-2"), 0, "pg-1", "pg-2"));

        Assert.Null(GroupRecovery.WarmupSeconds(members));
    }

    [Fact]
    public void Scale_out_counts_replicas_beyond_the_desired_count()
    {
        var t = new SyntheticTimeline()
            .Observe(0, 5, Cluster.Of(Cluster.Primary("pg-1"), Cluster.Replica("pg-2"), Cluster.Replica("pg-3")))
            .Observe(5, 6, Cluster.Of(Cluster.Primary("pg-1"), Cluster.Replica("pg-2"), Cluster.Replica("pg-3"), Cluster.Replica("pg-4", health: MemberHealth.Starting)));

        Assert.Equal(0, GroupRecovery.ScaleOut(t.Snapshot(), 0, new Dictionary<string, int> { ["readers"] = 3 }));
        Assert.Equal(1, GroupRecovery.ScaleOut(t.Snapshot(), 0, Desired));
    }

    [Fact]
    public void A_member_rebooted_under_its_old_name_is_a_new_incarnation_whose_warm_up_and_return_are_measured()
    {
        // Aurora reboots an instance under the same identifier: only its incarnation changes.
        var victim = Cluster.Replica("reader-2") with { Incarnation = "boot-1" };
        var rebooted = victim with { Incarnation = "boot-2" };
        var t = new SyntheticTimeline()
            .Observe(0, 10, Cluster.Of(Cluster.Primary("writer", null), victim, Cluster.Replica("reader-3")))
            .Observe(10, 14, Cluster.Of(Cluster.Primary("writer", null), victim with { Health = MemberHealth.Down, InReadEndpoint = false }, Cluster.Replica("reader-3")))
            .Observe(14, 20, Cluster.Of(Cluster.Primary("writer", null), rebooted with { GateOpen = false, InReadEndpoint = false }, Cluster.Replica("reader-3")))
            .Observe(20, 25, Cluster.Of(Cluster.Primary("writer", null), rebooted, Cluster.Replica("reader-3")));
        var fault = SyntheticTimeline.Fault(10, victim, 0, "writer", victim.IncarnationKey, "reader-3");

        Assert.Equal("reader-2@boot-1", fault.TargetKey);
        Assert.False(GroupRecovery.IsRecovered(t.Snapshot().Samples[0].Observation, fault.TargetKey, Desired));
        Assert.Equal(10.0, GroupRecovery.ReplacementSeconds(t.Snapshot(), fault, Desired)!.Value, precision: 6);
        var member = Assert.Single(GroupRecovery.NewMembers(t.Snapshot(), fault));
        Assert.Equal("reader-2", member.Name);
        Assert.Equal("reader-2@boot-2", member.IncarnationKey);
        Assert.Equal(6.0, member.WarmupSeconds!.Value, precision: 6);
    }
}
