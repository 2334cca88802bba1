using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Tests.TestSupport;

namespace Resilience.ChaosSuite.Tests.Measurement;

public class WriteEndpointOutageTests
{
    [Fact]
    public void Counts_the_time_the_write_endpoint_routed_to_no_member_within_the_window()
    {
        var routed = Cluster.Of(Cluster.Primary("pg-1"), Cluster.Replica("pg-2"));
        var ejected = Cluster.Of(Cluster.Primary("pg-1") with { InWriteEndpoint = false }, Cluster.Replica("pg-2"));
        var t = new SyntheticTimeline()
            .Observe(0, 10, routed)
            .Observe(10, 12.5, ejected)
            .Observe(12.5, 20, routed)
            .Observe(20, 21, ejected); // after the window

        Assert.Equal(2.5, WriteEndpointOutage.Seconds(t.Snapshot(), 5, 18), precision: 6);
        Assert.Equal(0.0, WriteEndpointOutage.Seconds(t.Snapshot(), 0, 9.9), precision: 6);
    }

    [Fact]
    public void A_primary_routed_throughout_is_zero()
    {
        var t = new SyntheticTimeline().Observe(0, 30, Cluster.Of(Cluster.Primary("pg-1")));

        Assert.Equal(0.0, WriteEndpointOutage.Seconds(t.Snapshot(), 0, 30));
    }
}
