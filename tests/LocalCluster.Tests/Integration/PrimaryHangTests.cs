using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;
using Resilience.LocalCluster.Tests.TestSupport;
using Xunit.Abstractions;

namespace Resilience.LocalCluster.Tests.Integration;

/// <summary>A hung primary (SIGSTOP) fails over; resumed, it rejoins as a read-only replica and is never writable again.</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class PrimaryHangTests(SharedClusterFixture cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task Frozen_primary_is_replaced_as_leader_and_after_thaw_rejoins_read_only_never_routed_for_writes()
    {
        var controller = cluster.Controller;
        var before = await controller.WaitForSteadyAsync(TestTimeouts.Replacement);
        var old = before.Primary!;
        await using var ledger = await WriteLedger.StartAsync(controller, "ledger_primary_hang");
        await ledger.WaitForAcksAsync(20, TestTimeouts.Failover);

        // Sample the write endpoint's routing at 20 Hz for the whole test.
        var samples = new ConcurrentQueue<(long At, IReadOnlyList<string> Write)>();
        using var stopSampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stopSampling.IsCancellationRequested)
            {
                var routing = await controller.GetEndpointRoutingAsync();
                samples.Enqueue((Stopwatch.GetTimestamp(), routing.Write));
                await Task.Delay(50);
            }
        });

        try
        {
            var frozenAt = Stopwatch.GetTimestamp();
            await controller.FreezeMemberAsync(old.Name);
            var newPrimary = await Poll.UntilAsync(async () =>
            {
                var routing = await controller.GetEndpointRoutingAsync();
                return routing.Write.Count == 1 && routing.Write[0] != old.Name ? routing.Write[0] : null;
            }, TestTimeouts.Failover, "a new primary in the write endpoint while the old one is frozen");
            var failedOverAt = Stopwatch.GetTimestamp();
            output.WriteLine($"primary frozen -> new primary {newPrimary} in the write endpoint: {Elapsed.Seconds(frozenAt, failedOverAt):0.0} s");

            await controller.ThawMemberAsync(old.Name);
            var after = await Poll.UntilAsync(async () =>
            {
                var s = await controller.GetStatusAsync();
                return s.IsSteady ? s : null;
            }, TestTimeouts.Replacement, $"{old.Name} back as a warm replica (steady state)");
            output.WriteLine($"thawed -> steady, old primary a warm replica: {Elapsed.Seconds(failedOverAt, Stopwatch.GetTimestamp()):0.0} s");

            var rejoined = after.FindMember(old.Name)!;
            Assert.Equal(MemberRole.Replica, rejoined.Role);
            Assert.True(rejoined.GateOpen && rejoined.InReadEndpoint && !rejoined.InWriteEndpoint);
            Assert.Equal(newPrimary, after.Primary!.Name);

            // Directly on the old primary: read-only.
            var direct = new NpgsqlConnectionStringBuilder(controller.GetCredentials().ConnectionString(new EndpointAddress("127.0.0.1", old.Ports.Postgres))) { Pooling = false }.ConnectionString;
            await using var conn = new NpgsqlConnection(direct);
            await conn.OpenAsync();
            Assert.True((bool)(await new NpgsqlCommand("SELECT pg_is_in_recovery()", conn).ExecuteScalarAsync())!);
            var write = await Assert.ThrowsAsync<PostgresException>(() => new NpgsqlCommand("CREATE TABLE never_here (id int)", conn).ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, write.SqlState);

            await ledger.WaitForAcksAsync(ledger.Acks.Count + 20, TestTimeouts.Failover);
            await ledger.StopAsync();
            await stopSampling.CancelAsync();
            await sampler;

            // Once a new primary was routed, the write endpoint never routed to the old one again, and it acknowledged nothing.
            Assert.DoesNotContain(samples, s => s.At >= failedOverAt && s.Write.Contains(old.Name));
            Assert.DoesNotContain(ledger.Acks, a => a.Timestamp >= failedOverAt && a.ServerPort == old.Ports.Postgres);
            Assert.Empty(await ledger.MissingAsync());
        }
        finally
        {
            await controller.ThawMemberAsync(old.Name);
            await stopSampling.CancelAsync();
            await sampler;
        }
    }
}
