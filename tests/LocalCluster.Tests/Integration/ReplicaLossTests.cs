using System.Diagnostics;
using Npgsql;
using Resilience.LocalCluster.Tests.TestSupport;
using Xunit.Abstractions;

namespace Resilience.LocalCluster.Tests.Integration;

/// <summary>Machine loss of a replica: out of the read endpoint, replaced by a new member that warms and joins.</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class ReplicaLossTests(SharedClusterFixture cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task Killed_replica_leaves_the_read_endpoint_and_a_new_member_warms_and_joins()
    {
        var controller = cluster.Controller;
        var before = await controller.WaitForSteadyAsync(TestTimeouts.Replacement);
        var victim = before.WarmReplicas[^1];
        var group = before.Groups.Single(g => g.Name == victim.Group);

        var killedAt = Stopwatch.GetTimestamp();
        await controller.KillMemberAsync(victim.Name);
        var removed = await Poll.UntilAsync(async () =>
        {
            var routing = await controller.GetEndpointRoutingAsync();
            return routing.Read.Contains(victim.Name) ? null : (object)Stopwatch.GetTimestamp();
        }, TestTimeouts.ReaderRemoval, $"{victim.Name} out of the read endpoint");
        var removalSeconds = Elapsed.Seconds(killedAt, (long)removed);
        output.WriteLine($"replica loss -> out of the read endpoint: {removalSeconds:0.000} s");

        // The client's view: no read is answered by the lost member any more.
        var cs = new NpgsqlConnectionStringBuilder(controller.GetCredentials().ConnectionString(controller.ReadEndpoint)) { Pooling = false, Timeout = 3 }.ConnectionString;
        for (var i = 0; i < 10; i++)
        {
            await using var conn = new NpgsqlConnection(cs);
            await conn.OpenAsync();
            var port = (int)(await new NpgsqlCommand("SELECT inet_server_port()", conn).ExecuteScalarAsync())!;
            Assert.NotEqual(victim.Ports.Postgres, port);
        }

        var after = await controller.WaitForSteadyAsync(TestTimeouts.Replacement);
        output.WriteLine($"replica loss -> group back at desired count, all warm: {Elapsed.Seconds(killedAt, Stopwatch.GetTimestamp()):0.0} s");

        Assert.Null(after.FindMember(victim.Name));
        var replacement = Assert.Single(after.Members, m => before.FindMember(m.Name) is null);
        Assert.Equal(victim.Group, replacement.Group);
        Assert.True(replacement.GateOpen && replacement.InReadEndpoint);
        Assert.NotEqual(victim.Ports, replacement.Ports);
        Assert.Equal(group.Desired, after.Groups.Single(g => g.Name == victim.Group).Members);
        Assert.False(Directory.Exists(Path.GetDirectoryName(victim.DataDir)), "the lost member's folder is deleted");
    }
}
