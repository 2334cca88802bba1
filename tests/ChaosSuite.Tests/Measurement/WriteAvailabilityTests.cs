using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Tests.TestSupport;
using Resilience.ChaosSuite.Timeline;

namespace Resilience.ChaosSuite.Tests.Measurement;

public class WriteAvailabilityTests
{
    [Fact]
    public void Unavailability_is_the_known_gap_from_injection_to_the_first_acknowledged_write()
    {
        var t = new SyntheticTimeline()
            .Writes(0, 10, succeeded: true)
            .Writes(10, 13.5, succeeded: false)
            .Writes(13.5, 20, succeeded: true, identity: "5501", latency: 0.004);
        var primary = Cluster.Primary("pg-1");

        var seconds = WriteAvailability.UnavailableSeconds(t.Snapshot(), SyntheticTimeline.Fault(10, primary, 1));

        Assert.Equal(3.504, seconds!.Value, precision: 6);
    }

    [Fact]
    public void A_write_started_before_the_fault_held_proves_nothing()
    {
        var t = new SyntheticTimeline();
        // Started just before the fault took effect, acknowledged by the dying primary right after injection.
        t.Timeline.Add(new OperationRecord(OperationKind.Write, 9.995, 10.02, true, "5500", 1, false, null));
        t.Writes(12, 14, succeeded: true, identity: "5501");

        var first = WriteAvailability.FirstAcknowledgedAfter(t.Snapshot(), SyntheticTimeline.Fault(10, Cluster.Primary("pg-1"), 1));

        Assert.Equal(12.004, first!.CompletedAt, precision: 6);
    }

    [Fact]
    public void No_write_after_the_fault_is_not_reached()
    {
        var t = new SyntheticTimeline().Writes(0, 10, succeeded: true).Writes(10, 30, succeeded: false);

        Assert.Null(WriteAvailability.UnavailableSeconds(t.Snapshot(), SyntheticTimeline.Fault(10, null)));
    }
}
