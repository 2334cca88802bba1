using System.Diagnostics;
using Resilience.LocalCluster.Tests.TestSupport;
using Xunit.Abstractions;

namespace Resilience.LocalCluster.Tests.Integration;

/// <summary>Machine loss of the primary: Patroni promotes the synchronous standby, the write endpoint follows, the member is replaced.</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class PrimaryLossTests(SharedClusterFixture cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task Killed_primary_fails_over_the_write_endpoint_follows_and_no_acknowledged_write_is_lost()
    {
        var controller = cluster.Controller;
        var before = await controller.WaitForSteadyAsync(TestTimeouts.Replacement);
        var primary = before.Primary!;
        await using var ledger = await WriteLedger.StartAsync(controller, "ledger_primary_loss");
        await ledger.WaitForAcksAsync(20, TestTimeouts.Failover);

        var killedAt = Stopwatch.GetTimestamp();
        await controller.KillMemberAsync(primary.Name);
        var routed = await Poll.UntilAsync(async () =>
        {
            var routing = await controller.GetEndpointRoutingAsync();
            return routing.Write.Count == 1 && routing.Write[0] != primary.Name ? routing.Write[0] : null;
        }, TestTimeouts.Failover, "a new primary in the write endpoint");
        var firstAck = await Poll.UntilAsync(() => Task.FromResult(ledger.FirstAckAfter(killedAt, primary.Ports.Postgres)), TestTimeouts.Failover, "a write acknowledged by the new primary");
        output.WriteLine($"primary loss -> first acknowledged write through the write endpoint: {Elapsed.Seconds(killedAt, firstAck.Timestamp):0.000} s (new primary {routed})");

        var after = await controller.WaitForSteadyAsync(TestTimeouts.Replacement);
        output.WriteLine($"primary loss -> steady again (replaced, warm): {Elapsed.Seconds(killedAt, Stopwatch.GetTimestamp()):0.0} s");
        await ledger.WaitForAcksAsync(ledger.Acks.Count + 20, TestTimeouts.Failover);
        await ledger.StopAsync();
        var missing = await ledger.MissingAsync();

        Assert.Equal(routed, after.Primary!.Name);
        Assert.Null(after.FindMember(primary.Name));
        Assert.Equal(before.Members.Count, after.Members.Count);
        Assert.Single(after.Members, m => before.FindMember(m.Name) is null);
        Assert.All(after.Groups, g => Assert.Equal(g.Desired, g.Members));
        // What the cluster did, not what the stack file says: the member promoted was a synchronous standby
        // when the primary was lost, which is why no acknowledged write could be missing from it.
        Assert.True(before.FindMember(routed)!.IsSynchronous, $"{routed} was promoted but was not a synchronous standby before the loss");
        Assert.Empty(missing);
        output.WriteLine($"acknowledged writes {ledger.Acks.Count}, lost 0, failed attempts {ledger.Failures}");
    }
}
