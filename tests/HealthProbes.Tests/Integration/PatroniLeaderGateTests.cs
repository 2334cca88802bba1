using System.Net;
using Resilience.HealthProbes.Tests.Internal;

namespace Resilience.HealthProbes.Tests.Integration;

/// <summary>With <c>--patroni-url</c>, "streaming from the current primary" means from the leader Patroni reports.</summary>
[Collection(PgClusterCollection.Name)]
public sealed class PatroniLeaderGateTests(PgTestCluster cluster)
{
    [Fact]
    public async Task The_gate_follows_the_leader_patroni_reports()
    {
        using var patroni = new FakePatroni();
        patroni.Leader("m0", cluster.Primary.Port, cluster.Replica.Port);
        var options = ProbeHost.OptionsFor(cluster.Replica.Port, cluster.NewStateDir(), cluster.Password, patroni.Url);
        await using var host = await ProbeHost.StartAsync(options, ProbeHost.Policy(minWarm: 0.2));

        await host.WaitReadyAsync(HttpStatusCode.OK, Timeouts.GateOpens);
        var streaming = (await host.StatusAsync()).GetProperty("streaming");
        Assert.Equal("matches", streaming.GetProperty("leaderCheck").GetString());
        Assert.Equal($"m0 at 127.0.0.1:{cluster.Primary.Port}", streaming.GetProperty("leader").GetString());

        // A failover elsewhere: the leader is now a member this replica does not stream from.
        var elsewhere = TestPorts.Next();
        patroni.Leader("m9", elsewhere, cluster.Replica.Port);
        var moved = await host.WaitReadyAsync(HttpStatusCode.ServiceUnavailable, Timeouts.GateCloses);
        Assert.Equal(
            $"not streaming from the current primary: streaming from 127.0.0.1:{cluster.Primary.Port}, but the leader is m9 at 127.0.0.1:{elsewhere}",
            moved[^1].Reason);

        // Patroni not answering: the current primary cannot be confirmed.
        patroni.Fail(503);
        var unknown = await Poll.UntilAsync(
            () => host.GetAsync("health/ready"), a => a.Reason.StartsWith("current primary unknown", StringComparison.Ordinal), Timeouts.GateCloses, "leader unknown");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unknown.Status);
        Assert.EndsWith("/cluster answered 503", unknown.Reason, StringComparison.Ordinal);

        patroni.Leader("m0", cluster.Primary.Port, cluster.Replica.Port);
        await host.WaitReadyAsync(HttpStatusCode.OK, Timeouts.GateOpens);
    }

    [Fact]
    public async Task A_writable_member_patroni_does_not_call_leader_is_not_primary()
    {
        using var patroni = new FakePatroni();
        var elsewhere = TestPorts.Next();
        patroni.Leader("m9", elsewhere, cluster.Replica.Port);
        var options = ProbeHost.OptionsFor(cluster.Primary.Port, cluster.NewStateDir(), cluster.Password, patroni.Url);
        await using var host = await ProbeHost.StartAsync(options, ProbeHost.Policy());

        var demoted = await Poll.UntilAsync(
            () => host.GetAsync("health/primary"), a => a.Reason.StartsWith("writable, but", StringComparison.Ordinal), Timeouts.GateCloses, "primary refused");
        Assert.Equal((HttpStatusCode.ServiceUnavailable, $"writable, but the leader is m9 at 127.0.0.1:{elsewhere}"), demoted);

        patroni.Leader("m0", cluster.Primary.Port, cluster.Replica.Port);
        var primary = await Poll.UntilAsync(() => host.GetAsync("health/primary"), a => a.Status == HttpStatusCode.OK, Timeouts.GateOpens, "/health/primary 200");
        Assert.Equal($"writable primary; this member is the leader m0 at 127.0.0.1:{cluster.Primary.Port}", primary.Reason);
    }
}
