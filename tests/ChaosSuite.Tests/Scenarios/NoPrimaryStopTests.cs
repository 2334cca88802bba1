using Resilience.ChaosSuite.Scenarios;
using Resilience.ChaosSuite.Tests.TestSupport;

namespace Resilience.ChaosSuite.Tests.Scenarios;

public class NoPrimaryStopTests
{
    [Fact]
    public void Stops_only_after_the_platform_has_been_without_a_primary_longer_than_the_limit()
    {
        var stop = new NoPrimaryStop(10);
        var none = Cluster.Of(Cluster.Replica("pg-2"));

        Assert.Null(stop.Check(Cluster.Of(Cluster.Primary("pg-1")), 0));
        Assert.Null(stop.Check(none, 1));
        Assert.Null(stop.Check(none, 11));
        Assert.Equal("no primary for more than 10 s", stop.Check(none, 11.5));
        Assert.Null(stop.Check(Cluster.Of(Cluster.Primary("pg-2")), 12));
    }
}
