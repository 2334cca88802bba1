using Resilience.HealthProbes.Probes;

namespace Resilience.HealthProbes.Tests.Probes;

public sealed class PatroniLeaderTests
{
    [Fact]
    public void Finds_the_leader_in_a_cluster_document()
    {
        const string json = """
            {"members": [
              {"name": "m2", "role": "replica", "state": "streaming", "host": "127.0.0.1", "port": 25402, "timeline": 3, "lag": 0},
              {"name": "m1", "role": "leader", "state": "running", "api_url": "http://127.0.0.1:25501/patroni", "host": "127.0.0.1", "port": 25401, "timeline": 3}
            ], "scope": "local"}
            """;

        Assert.Equal(new LeaderView("m1", "127.0.0.1", 25401, 3), PatroniLeader.Parse(json));
    }

    [Fact]
    public void A_standby_leader_counts_as_leader() =>
        Assert.Equal("s1", PatroniLeader.Parse("""{"members":[{"name":"s1","role":"standby_leader","host":"10.0.0.1","port":5432}]}""")?.Name);

    [Theory]
    [InlineData("""{"members":[{"name":"m2","role":"replica","host":"127.0.0.1","port":1}]}""")]
    [InlineData("""{"members":[]}""")]
    [InlineData("""{"scope":"x"}""")]
    [InlineData("""{"members":[{"name":"m1","role":"leader"}]}""")]
    public void No_usable_leader_is_null(string json) => Assert.Null(PatroniLeader.Parse(json));
}
