using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Tests.TestSupport;

namespace Resilience.ChaosSuite.Tests.Measurement;

public class ReaderRemovalTests
{
    private static readonly Resilience.ChaosSuite.Platform.MemberObservation Victim = Cluster.Replica("pg-2");

    [Fact]
    public void Platform_view_is_the_first_observation_without_the_member_in_the_read_endpoint()
    {
        var t = new SyntheticTimeline()
            .Observe(0, 10.6, Cluster.Of(Cluster.Primary("pg-1"), Victim, Cluster.Replica("pg-3")))
            .Observe(10.6, 12, Cluster.Of(Cluster.Primary("pg-1"), Victim with { InReadEndpoint = false }, Cluster.Replica("pg-3")))
            .Reads(0, 10, Victim.ServerIdentity, Cluster.PortOf("pg-3"))
            .Reads(10, 12, Cluster.PortOf("pg-3"));

        var result = ReaderRemoval.Measure(t.Snapshot(), SyntheticTimeline.Fault(10, Victim));

        Assert.Equal(10.6, result.PlatformAt!.Value, precision: 6);
        Assert.Equal(0.6, result.RemovedAt!.Value - 10, precision: 6);
    }

    [Fact]
    public void A_hung_member_still_answering_after_the_platform_dropped_it_extends_the_removal()
    {
        var t = new SyntheticTimeline()
            .Observe(0, 10.2, Cluster.Of(Cluster.Primary("pg-1"), Victim, Cluster.Replica("pg-3")))
            .Observe(10.2, 14, Cluster.Of(Cluster.Primary("pg-1"), Victim with { InReadEndpoint = false }, Cluster.Replica("pg-3")))
            .Reads(0, 10.9, Victim.ServerIdentity, Cluster.PortOf("pg-3"))
            .Reads(10.9, 14, Cluster.PortOf("pg-3"));

        var result = ReaderRemoval.Measure(t.Snapshot(), SyntheticTimeline.Fault(10, Victim));

        Assert.InRange(result.RemovedAt!.Value, 10.88, 10.9);
    }

    [Fact]
    public void Failed_read_attempts_after_the_platform_dropped_the_member_extend_the_removal()
    {
        var t = new SyntheticTimeline()
            .Observe(0, 10.3, Cluster.Of(Cluster.Primary("pg-1"), Victim, Cluster.Replica("pg-3")))
            .Observe(10.3, 14, Cluster.Of(Cluster.Primary("pg-1"), Cluster.Replica("pg-3")))
            .Reads(0, 10, Victim.ServerIdentity, Cluster.PortOf("pg-3"))
            .Reads(10, 14, Cluster.PortOf("pg-3"))
            .ReadAttemptFailures(10.1, 10.4, 10.7, 11.2);

        var result = ReaderRemoval.Measure(t.Snapshot(), SyntheticTimeline.Fault(10, Victim));

        Assert.Equal(11.2, result.ClientAt, precision: 6);
        Assert.Equal(1.2, result.RemovedAt!.Value - 10, precision: 6);
    }

    [Fact]
    public void A_failure_after_a_clean_second_of_reads_is_not_routing_evidence()
    {
        var t = new SyntheticTimeline()
            .Observe(0, 20, Cluster.Of(Cluster.Primary("pg-1"), Cluster.Replica("pg-3")))
            .Reads(10, 20, Cluster.PortOf("pg-3"))
            .ReadAttemptFailures(10.2, 15.0);

        Assert.Equal(10.2, ReaderRemoval.ClientView(t.Snapshot(), SyntheticTimeline.Fault(10, Victim)), precision: 6);
    }

    [Fact]
    public void Never_removed_by_the_platform_is_not_reached()
    {
        var t = new SyntheticTimeline().Observe(0, 20, Cluster.Of(Cluster.Primary("pg-1"), Victim));

        Assert.Null(ReaderRemoval.Measure(t.Snapshot(), SyntheticTimeline.Fault(10, Victim)).RemovedAt);
    }
}
