using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Tests.TestSupport;
using Resilience.ChaosSuite.Timeline;

namespace Resilience.ChaosSuite.Tests.Measurement;

public class ColdReadsTests
{
    private static readonly Resilience.ChaosSuite.Platform.MemberObservation Cold = Cluster.Replica("pg-4", gateOpen: false, routed: true);
    private static readonly Resilience.ChaosSuite.Platform.MemberObservation Warm = Cluster.Replica("pg-4");

    [Fact]
    public void A_read_answered_while_the_gate_was_closed_before_and_after_is_cold()
    {
        var t = new SyntheticTimeline().Observe(0, 2, Cluster.Of(Cluster.Primary("pg-1"), Cold));
        t.Timeline.Add(new OperationRecord(OperationKind.Read, 1.01, 1.02, true, Cold.ServerIdentity, null, false, null));

        var cold = Assert.Single(ColdReads.Find(t.Snapshot()));
        Assert.Equal(1.01, cold.StartedAt);
    }

    [Fact]
    public void A_read_during_the_gate_opening_gets_the_benefit_of_the_doubt()
    {
        var t = new SyntheticTimeline()
            .Observe(0, 1.03, Cluster.Of(Cluster.Primary("pg-1"), Cold))
            .Observe(1.03, 2, Cluster.Of(Cluster.Primary("pg-1"), Warm));
        t.Timeline.Add(new OperationRecord(OperationKind.Read, 1.01, 1.02, true, Warm.ServerIdentity, null, false, null));

        Assert.Empty(ColdReads.Find(t.Snapshot()));
    }

    [Fact]
    public void Reads_from_the_primary_or_through_the_fallback_are_not_cold()
    {
        var primary = Cluster.Primary("pg-1");
        var t = new SyntheticTimeline().Observe(0, 2, Cluster.Of(primary, Cold));
        t.Timeline.Add(new OperationRecord(OperationKind.Read, 1.0, 1.01, true, primary.ServerIdentity, null, false, null));
        t.Timeline.Add(new OperationRecord(OperationKind.Read, 1.0, 1.01, true, Cold.ServerIdentity, null, true, null));
        t.Timeline.Add(new OperationRecord(OperationKind.Read, 1.0, 1.01, false, null, null, false, "failed"));

        Assert.Empty(ColdReads.Find(t.Snapshot()));
    }

    [Fact]
    public void Reads_from_a_member_no_observation_lists_are_unattributed_not_cold()
    {
        var t = new SyntheticTimeline().Observe(0, 2, Cluster.Of(Cluster.Primary("pg-1")));
        t.Timeline.Add(new OperationRecord(OperationKind.Read, 1.0, 1.01, true, "9999", null, false, null));

        Assert.Empty(ColdReads.Find(t.Snapshot()));
        Assert.Equal(1, ColdReads.Unattributed(t.Snapshot()));
    }
}
