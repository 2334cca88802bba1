using System.Net.Http.Json;
using System.Text.Json;
using Resilience.LocalCluster.Internal.Supervision;
using Resilience.LocalCluster.Tests.TestSupport;
using Xunit.Abstractions;

namespace Resilience.LocalCluster.Tests.Integration.Backup;

/// <summary>
/// The supervisor's full backup after a change of primary, on a real cluster (port base 31450, the restore helper's
/// range; automatic backups on): a promoted standby does not archive what it streamed, so restores after a failover
/// start from a backup on the new timeline.
/// </summary>
[Collection(BackupPortsCollection.Name)]
public sealed class BackupAfterPromotionTests(ITestOutputHelper output)
{
    private const int PortBase = 31450;

    [Fact]
    public async Task After_a_failover_a_full_backup_of_the_new_primary_starts_after_its_promotion_and_a_time_after_it_is_restorable()
    {
        await TemporaryStack.RunAsync("promotionbackuptest", PortBase, yaml => yaml, _ => { }, output, async controller =>
        {
            var oldPrimary = (await controller.UpAsync()).Primary!.Name;
            await Poll.UntilAsync(async () => await controller.GetBackupsAsync() is { Backups.Count: 1 } && Finished(controller, oldPrimary).Count == 1,
                TimeSpan.FromSeconds(180), "the supervisor's first full backup");

            await controller.KillMemberAsync(oldPrimary);
            var write = Sql.App(controller, controller.WriteEndpoint);
            await Poll.UntilAsync(() => Sql.ExecuteAsync(write, "CREATE TABLE IF NOT EXISTS after_promotion (id int PRIMARY KEY, v text)"), TestTimeouts.Failover, "a write on the new primary");
            var primary = (await controller.GetStatusAsync()).Primary!;
            Assert.NotEqual(oldPrimary, primary.Name);
            var promotedAt = await PromotionTimeAsync(primary.Ports.Patroni);

            // The backup on the new primary's timeline: started by the supervisor for the new primary, after its promotion.
            var listing = await Poll.UntilAsync(
                async () => await controller.GetBackupsAsync() is { Backups.Count: 2 } l && Finished(controller, primary.Name).Count == 1 ? l : null,
                TimeSpan.FromSeconds(180), $"a full backup of the new primary {primary.Name}");
            var started = Assert.Single(EventLog.Read(controller.EventLogPath), e => e.Kind == "backup-started" && e.Member == primary.Name);
            output.WriteLine($"{oldPrimary} lost; {primary.Name} promoted at {promotedAt:HH:mm:ss.fff}; backup {listing.Backups[1].Label} {listing.Backups[1].Started:HH:mm:ss}-{listing.Backups[1].Stopped:HH:mm:ss}: {started.Detail}");
            Assert.StartsWith("a new primary", started.Detail, StringComparison.Ordinal);
            var afterPromotion = listing.Backups[1];
            Assert.Equal("full", afterPromotion.Type);
            // pgBackRest's times are whole seconds: the backup's start is at least the second after the promotion's.
            Assert.True(afterPromotion.Started >= promotedAt.AddTicks(-(promotedAt.Ticks % TimeSpan.TicksPerSecond)), $"backup started {afterPromotion.Started:O}, promotion {promotedAt:O}");
            Assert.True(afterPromotion.Started > listing.Backups[0].Stopped);

            // A point in time after the promotion: the rows written before it, none of those after.
            await Sql.ExecuteAsync(write, "INSERT INTO after_promotion SELECT g, 'good' FROM generate_series(1, 10) g");
            var target = await Sql.ScalarAsync<DateTime>(write, "SELECT clock_timestamp()");
            Assert.True(target > promotedAt.UtcDateTime);
            await Sql.ExecuteAsync(write, "INSERT INTO after_promotion VALUES (11, 'late'); UPDATE after_promotion SET v = 'bad' WHERE id <= 5");
            var copy = await controller.RestoreAsync(new DateTimeOffset(target, TimeSpan.Zero), "after-promotion");
            try
            {
                output.WriteLine($"copy {copy.Name} from {copy.BackupLabel} in {copy.RestoreSeconds:0.0} s");
                Assert.Equal(afterPromotion.Label, copy.BackupLabel);
                var restored = Sql.App(controller, copy.Endpoint);
                Assert.Equal(10L, await Sql.ScalarAsync<long>(restored, "SELECT count(*) FROM after_promotion"));
                Assert.Equal(10L, await Sql.ScalarAsync<long>(restored, "SELECT count(*) FROM after_promotion WHERE v = 'good'"));
            }
            finally
            {
                Assert.True(await controller.DropCopyAsync(copy.Name));
            }
        });

        Assert.Empty(StackProcesses.Running(SharedClusterFixture.StateDirFor(PortBase)));
    }

    private static List<ClusterEvent> Finished(LocalClusterController controller, string member) =>
        EventLog.Read(controller.EventLogPath).Where(e => e.Kind == "backup-finished" && e.Member == member).ToList();

    /// <summary>When Patroni recorded the newest timeline switch (its <c>/history</c>: [timeline, lsn, reason, time, new leader]).</summary>
    private static async Task<DateTimeOffset> PromotionTimeAsync(int patroniPort)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var history = await Poll.UntilAsync(
            async () => await http.GetFromJsonAsync<JsonElement[]>($"http://127.0.0.1:{patroniPort}/history") is { Length: > 0 } h ? h : null,
            TimeSpan.FromSeconds(30), "Patroni's history of the promotion");
        return DateTimeOffset.Parse(history[^1][3].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }
}
