using System.Diagnostics;
using Resilience.LocalCluster.Tests.TestSupport;
using Xunit.Abstractions;

namespace Resilience.LocalCluster.Tests.Integration;

/// <summary>
/// The runbook for a primary on a sick host: a planned switchover to a warm synchronous standby. The old
/// primary keeps running and follows; nothing acknowledged is lost; a member that may not take over is refused.
/// </summary>
[Collection(SharedClusterCollection.Name)]
public sealed class SwitchoverTests(SharedClusterFixture cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task Switchover_hands_the_primary_to_a_warm_synchronous_standby_and_loses_no_acknowledged_write()
    {
        var controller = cluster.Controller;
        var before = await controller.WaitForSteadyAsync(TestTimeouts.Replacement);
        var primary = before.Primary!;
        await using var ledger = await WriteLedger.StartAsync(controller, "ledger_switchover");
        await ledger.WaitForAcksAsync(20, TestTimeouts.Failover);

        var refused = await Assert.ThrowsAsync<LocalClusterException>(() => controller.SwitchoverAsync(primary.Name));
        Assert.Equal($"{primary.Name} is already the primary", refused.Message);
        Assert.Equal(LocalClusterException.BadInput, refused.ExitCode);

        var started = Stopwatch.GetTimestamp();
        var done = await controller.SwitchoverAsync(null);
        output.WriteLine(done.Describe());

        Assert.Equal(primary.Name, done.From);
        Assert.True(before.FindMember(done.To) is { IsSynchronous: true, GateOpen: true }, $"{done.To} was not a warm synchronous standby");
        var firstAck = await Poll.UntilAsync(() => Task.FromResult(ledger.FirstAckAfter(started, primary.Ports.Postgres)), TestTimeouts.Failover, "a write acknowledged by the new primary");
        output.WriteLine($"switchover -> first acknowledged write by the new primary: {Elapsed.Seconds(started, firstAck.Timestamp):0.000} s");
        var after = await controller.WaitForSteadyAsync(TestTimeouts.Replacement);
        await ledger.WaitForAcksAsync(ledger.Acks.Count + 20, TestTimeouts.Failover);
        await ledger.StopAsync();

        Assert.Equal(done.To, after.Primary!.Name);
        Assert.Equal(MemberRole.Replica, after.FindMember(primary.Name)!.Role); // handed over, not lost: no replacement
        Assert.Equal(before.Members.Select(m => m.Name).Order(), after.Members.Select(m => m.Name).Order());
        Assert.Empty(await ledger.MissingAsync());
        output.WriteLine($"acknowledged writes {ledger.Acks.Count}, lost 0, failed attempts {ledger.Failures}");
    }
}
