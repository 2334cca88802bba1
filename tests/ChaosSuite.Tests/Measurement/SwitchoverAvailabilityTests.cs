using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Tests.TestSupport;

namespace Resilience.ChaosSuite.Tests.Measurement;

public class SwitchoverAvailabilityTests
{
    [Fact]
    public void The_gap_runs_from_the_request_to_the_first_write_the_new_primary_acknowledged()
    {
        var oldPrimary = Cluster.PortOf("so-1");
        var newPrimary = Cluster.PortOf("so-2");
        var t = new SyntheticTimeline()
            .Writes(0, 10.4, succeeded: true, identity: oldPrimary)   // the old primary still acknowledges after the request
            .Writes(10.4, 11.2, succeeded: false)                     // draining: refused
            .Writes(11.2, 15, succeeded: true, identity: newPrimary);

        Assert.Equal(1.204, SwitchoverAvailability.Seconds(t.Snapshot(), requestedAt: 10, newPrimary)!.Value, 3);
        Assert.Equal(newPrimary, SwitchoverAvailability.FirstWriteOnNewPrimary(t.Snapshot(), 10, newPrimary)!.ServerIdentity);
    }

    [Fact]
    public void No_write_on_the_new_primary_is_not_measured()
    {
        var t = new SyntheticTimeline().Writes(0, 15, succeeded: true, identity: Cluster.PortOf("so-1"));

        Assert.Null(SwitchoverAvailability.Seconds(t.Snapshot(), 10, Cluster.PortOf("so-2")));
    }
}
