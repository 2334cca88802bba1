using Resilience.LocalCluster.Internal.Failover;

namespace Resilience.LocalCluster.Tests.Internal.Failover;

/// <summary>Parsing of Patroni 3.0.2's keys and REST answers (shapes as Patroni writes them).</summary>
public class FailoverObserverParsingTests
{
    [Fact]
    public void Sync_key_lists_comma_separated_standbys()
    {
        var (leader, standbys) = FailoverObserver.ParseSync("""{"leader":"primary-1","sync_standby":"readers-2,readers-3"}""");

        Assert.Equal("primary-1", leader);
        Assert.Equal(["readers-2", "readers-3"], standbys);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("{}")]
    [InlineData("{")]
    [InlineData("""{"leader":"primary-1","sync_standby":null}""")]
    public void Sync_key_without_standbys(string? json)
    {
        Assert.Empty(FailoverObserver.ParseSync(json).Standbys);
    }

    [Fact]
    public void Status_key_optime_is_the_leaders_last_position()
    {
        Assert.Equal(50331976L, FailoverObserver.ParseOptime("""{"optime":50331976,"slots":{"readers_2":50331976}}"""));
        Assert.Null(FailoverObserver.ParseOptime("""{"slots":{}}"""));
        Assert.Null(FailoverObserver.ParseOptime(null));
    }

    [Fact]
    public void A_replicas_position_is_the_most_it_received_or_replayed()
    {
        var json = """{"state":"running","role":"replica","xlog":{"received_location":50331800,"replayed_location":50331700,"paused":false}}""";

        Assert.Equal(50331800L, FailoverObserver.ParsePosition(json));
        Assert.Equal(7L, FailoverObserver.ParsePosition("""{"xlog":{"replayed_location":7}}"""));
        Assert.Null(FailoverObserver.ParsePosition("""{"state":"stopped"}"""));
    }
}
