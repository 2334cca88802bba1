using Npgsql;
using Resilience.LocalCluster.Internal.Supervision;
using Resilience.LocalCluster.Tests.TestSupport;
using Resilience.Topology;
using Xunit.Abstractions;

namespace Resilience.LocalCluster.Tests.Integration.Backup;

/// <summary>
/// The supervisor's first backup once the stack is steady, and WAL archiving that follows the primary through a
/// failover (port base 31100: its own cluster, with automatic backups on).
/// </summary>
public sealed class ScheduledBackupTests(ITestOutputHelper output)
{
    private const int PortBase = 31100;

    [Fact]
    public async Task The_supervisor_backs_up_once_steady_and_writes_after_a_failover_are_restorable()
    {
        var spec = StackSpecLoader.LoadStack(RepoPaths.Root, "local");
        var options = SharedClusterFixture.Options(PortBase);
        options.StateDir = $"/var/tmp/resilience/restore-tests-{PortBase}";
        var controller = LocalClusterController.Create(spec, options);
        await controller.DownAsync();
        try
        {
            var first = await controller.UpAsync();
            // The supervisor records backup-finished only after pgBackRest has listed the backup: wait for both.
            var listing = await Poll.UntilAsync(
                async () => await controller.GetBackupsAsync() is { Backups.Count: > 0 } l
                    && EventLog.Read(controller.EventLogPath).Any(e => e.Kind == "backup-finished") ? l : null,
                TimeSpan.FromSeconds(120), "the supervisor's first full backup");
            var events = EventLog.Read(controller.EventLogPath);
            Assert.Contains(events, e => e.Kind == "backup-finished" && e.Member == first.Primary!.Name);
            Assert.Equal("full", listing.Backups[0].Type);

            var oldPrimary = first.Primary!.Name;
            await controller.KillMemberAsync(oldPrimary);
            var cs = new NpgsqlConnectionStringBuilder(controller.GetCredentials().ConnectionString(controller.WriteEndpoint)) { Pooling = false, Timeout = 2 }.ConnectionString;
            await Poll.UntilAsync(async () =>
            {
                await using var conn = new NpgsqlConnection(cs);
                await conn.OpenAsync();
                await using var cmd = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS after_failover (id int PRIMARY KEY); INSERT INTO after_failover SELECT g FROM generate_series(1, 10) g ON CONFLICT DO NOTHING", conn);
                await cmd.ExecuteNonQueryAsync();
                return true;
            }, TestTimeouts.Failover, "a write on the new primary");
            var status = await controller.GetStatusAsync();
            output.WriteLine($"primary {oldPrimary} lost; now {status.Primary?.Name}");
            Assert.NotEqual(oldPrimary, status.Primary?.Name);

            var copy = await controller.RestoreAsync(null, "after-failover");
            await using (var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cs) { Port = copy.Endpoint.Port }.ConnectionString))
            {
                await conn.OpenAsync();
                await using var count = new NpgsqlCommand("SELECT count(*) FROM after_failover", conn);
                Assert.Equal(10L, (long)(await count.ExecuteScalarAsync())!);
            }

            Assert.True(await controller.DropCopyAsync(copy.Name));
        }
        finally
        {
            await controller.DownAsync();
        }

        Assert.Empty(StackProcesses.Running(options.StateDir));
    }
}
