using Resilience.LocalCluster.Internal.Clients;
using Resilience.LocalCluster.Internal.Routing;

namespace Resilience.LocalCluster.Tests.Internal.Routing;

/// <summary>The write endpoint's rule: the leader lock's holder alone, once out of recovery; everyone else out.</summary>
public class WriteRoutingTests
{
    private static HaproxyServerState Server(int slot, string status) => new("be_write", $"s{slot}", status, "", 0);

    [Fact]
    public void The_lock_holder_is_put_in_once_out_of_recovery()
    {
        var servers = new[] { Server(0, "MAINT"), Server(1, "MAINT"), Server(2, "MAINT") };

        var change = WriteRouting.Plan(1, leaderWritable: true, servers);
        Assert.Empty(change.TakeOut);
        Assert.Equal(1, change.PutIn);
        Assert.True(WriteRouting.Plan(1, leaderWritable: false, servers).IsEmpty); // still promoting: nobody yet
    }

    [Fact]
    public void A_member_that_lost_the_lock_is_taken_out_before_the_new_holder_is_put_in()
    {
        var servers = new[] { Server(0, "no check"), Server(1, "MAINT"), Server(2, "MAINT") };

        var change = WriteRouting.Plan(1, leaderWritable: true, servers);

        Assert.Equal([0], change.TakeOut);
        Assert.Equal(1, change.PutIn);
    }

    [Fact]
    public void With_no_lock_holder_nobody_takes_writes()
    {
        var servers = new[] { Server(0, "no check"), Server(1, "DOWN"), Server(2, "MAINT") };

        var change = WriteRouting.Plan(null, leaderWritable: false, servers);

        Assert.Equal([0, 1], change.TakeOut);
        Assert.Null(change.PutIn);
    }

    [Fact]
    public void A_routed_lock_holder_stays_whatever_else_is_known_about_it()
    {
        // Overload: the holder's Patroni does not answer and its promotion check is not repeated; it keeps the lock, so it keeps writes.
        var servers = new[] { Server(0, "no check"), Server(1, "MAINT") };

        Assert.True(WriteRouting.Plan(0, leaderWritable: false, servers).IsEmpty);
        Assert.True(WriteRouting.Plan(0, leaderWritable: true, servers).IsEmpty);
    }

    [Fact]
    public void Rows_that_are_not_slots_are_ignored()
    {
        var servers = new[] { new HaproxyServerState("be_write", "BACKEND", "UP", "", 0), Server(0, "MAINT") };

        Assert.True(WriteRouting.Plan(null, leaderWritable: false, servers).IsEmpty);
    }
}
