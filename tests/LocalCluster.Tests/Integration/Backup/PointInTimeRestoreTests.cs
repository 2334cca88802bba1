using Resilience.LocalCluster.Tests.TestSupport;
using Xunit.Abstractions;

namespace Resilience.LocalCluster.Tests.Integration.Backup;

/// <summary>Backups and point-in-time copies on a real cluster: pgBackRest, WAL archived from the primary.</summary>
public sealed class PointInTimeRestoreTests(BackupClusterFixture cluster, ITestOutputHelper output) : IClassFixture<BackupClusterFixture>
{
    [Fact]
    public async Task A_copy_restored_to_just_before_a_bad_update_has_the_rows_as_they_were_and_the_stack_keeps_its_own()
    {
        var controller = cluster.Controller;
        if ((await controller.GetBackupsAsync()).Backups.Count == 0)
        {
            var none = await Assert.ThrowsAsync<LocalClusterException>(() => controller.RestoreAsync(null, "too-early"));
            Assert.StartsWith("no backup yet in ", none.Message, StringComparison.Ordinal);
            Assert.Empty(controller.RestoredCopies());
        }

        await cluster.EnsureBackupAsync();
        var write = controller.WriteEndpoint;
        // A backup taken just now is restorable only from the second after it ended.
        var from = (await controller.GetBackupsAsync()).Window!.From.UtcDateTime;
        await Poll.UntilAsync(async () => await cluster.ScalarAsync<DateTime>(write, "SELECT clock_timestamp()") > from, TimeSpan.FromSeconds(10), "the restorable window's start");
        await cluster.ScalarAsync<int>(write, "CREATE TABLE pitr_rows (id int PRIMARY KEY, v text); INSERT INTO pitr_rows SELECT g, 'good' FROM generate_series(1, 100) g; SELECT 1");
        // Taken after the insert committed and before the bad update: recovery stops before the update's commit.
        var beforeFault = await cluster.ScalarAsync<DateTime>(write, "SELECT clock_timestamp()");
        await cluster.ScalarAsync<int>(write, "UPDATE pitr_rows SET v = 'bad' WHERE id <= 50; INSERT INTO pitr_rows VALUES (101, 'late'); SELECT 1");

        var outside = await Assert.ThrowsAsync<LocalClusterException>(() => controller.RestoreAsync(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), "too-old"));
        Assert.Contains("is outside the restorable window", outside.Message, StringComparison.Ordinal);
        Assert.Equal(LocalClusterException.BadInput, outside.ExitCode);

        var copy = await controller.RestoreAsync(new DateTimeOffset(beforeFault, TimeSpan.Zero), "before-fault");
        output.WriteLine($"copy {copy.Name} at {copy.Endpoint} from {copy.BackupLabel} in {copy.RestoreSeconds:0.0} s");
        try
        {
            Assert.True(copy.Endpoint.Port > 31000 && copy.Endpoint.Port < 31200, $"copy port {copy.Endpoint.Port} outside the test range");
            Assert.Equal(100L, await cluster.ScalarAsync<long>(copy.Endpoint, "SELECT count(*) FROM pitr_rows WHERE v = 'good'"));
            Assert.Equal(100L, await cluster.ScalarAsync<long>(copy.Endpoint, "SELECT count(*) FROM pitr_rows"));
            Assert.Equal(50L, await cluster.ScalarAsync<long>(write, "SELECT count(*) FROM pitr_rows WHERE v = 'bad'"));
            Assert.Equal(101L, await cluster.ScalarAsync<long>(write, "SELECT count(*) FROM pitr_rows"));
            Assert.Contains("before-fault", controller.RestoredCopies());
        }
        finally
        {
            Assert.True(await controller.DropCopyAsync(copy.Name));
        }

        Assert.False(Directory.Exists(copy.DataDir));
        Assert.Empty(StackProcesses.Running(Path.GetDirectoryName(copy.DataDir)!));
        Assert.NotNull((await controller.GetStatusAsync()).Primary);
    }

    [Fact]
    public async Task Sigterm_during_a_restore_leaves_no_copy_and_the_stack_running()
    {
        await cluster.EnsureBackupAsync();
        var copyDir = Path.Combine(BackupClusterFixture.StateDir, "restores", "interrupted");
        using var cli = CliProcess.Start("restore", "--to", "latest", "--into", "interrupted", "--stack", "local", "--state-dir", BackupClusterFixture.StateDir);
        await Poll.UntilAsync(() => Task.FromResult(Directory.Exists(Path.Combine(copyDir, "data"))), TimeSpan.FromSeconds(60), "the restore writing the copy's data directory");
        Resilience.LocalCluster.Internal.Posix.Libc.Signal(cli.Pid, 15); // SIGTERM
        var code = await cli.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(130, code);
        Assert.Equal("interrupted", cli.Stderr.Trim());
        Assert.False(Directory.Exists(copyDir));
        Assert.Empty(StackProcesses.Running(copyDir));
        Assert.NotNull((await cluster.Controller.GetStatusAsync()).Primary);
    }

    [Fact]
    public async Task A_repository_failing_its_check_is_one_line_and_leaves_no_copy()
    {
        await cluster.EnsureBackupAsync();
        var archive = Path.Combine(BackupClusterFixture.StateDir, "backup", "repo", "archive", "stack");
        string[] infos = ["archive.info", "archive.info.copy"];
        foreach (var f in infos)
        {
            File.Move(Path.Combine(archive, f), Path.Combine(archive, f + ".hidden"));
        }

        (int ExitCode, string Stdout, string Stderr) result;
        try
        {
            result = await CliProcess.RunAsync(TimeSpan.FromSeconds(120), "restore", "--to", "latest", "--into", "broken", "--stack", "local", "--state-dir", BackupClusterFixture.StateDir);
        }
        finally
        {
            foreach (var f in infos)
            {
                File.Move(Path.Combine(archive, f + ".hidden"), Path.Combine(archive, f));
            }
        }

        output.WriteLine(result.Stderr);
        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("pgbackrest ", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(BackupClusterFixture.StateDir, "restores", "broken")));
    }

    [Theory]
    [InlineData("yesterday", "--to 'yesterday' is not a time")]
    [InlineData("2026-11-30T21:00:00Z", "copy name 'Bad_Name' must be")]
    public async Task Bad_input_is_one_line_and_exit_code_2(string to, string expected)
    {
        var result = await CliProcess.RunAsync(TimeSpan.FromSeconds(60), "restore", "--to", to, "--into", to == "yesterday" ? "ok" : "Bad_Name", "--stack", "local", "--state-dir", BackupClusterFixture.StateDir);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(expected, line, StringComparison.Ordinal);
    }
}
