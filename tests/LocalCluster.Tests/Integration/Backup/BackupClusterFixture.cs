using Npgsql;
using Resilience.LocalCluster.Tests.TestSupport;
using Resilience.Topology;

namespace Resilience.LocalCluster.Tests.Integration.Backup;

/// <summary>
/// A real cluster of the local stack for the backup tests (port base 31000, the restore helper's range),
/// without the supervisor's automatic backups so a test can see a stack with no backup yet. Always stopped
/// at the end, copies included.
/// </summary>
public sealed class BackupClusterFixture : IAsyncLifetime
{
    public const int PortBase = 31000;

    public BackupClusterFixture()
    {
        Spec = StackSpecLoader.LoadStack(RepoPaths.Root, "local");
        var options = SharedClusterFixture.Options(PortBase);
        options.StateDir = StateDir;
        options.AutomaticBackups = false;
        Controller = LocalClusterController.Create(Spec, options);
    }

    public static string StateDir => $"/var/tmp/resilience/restore-tests-{PortBase}";

    public StackSpec Spec { get; }

    public LocalClusterController Controller { get; }

    public async Task InitializeAsync()
    {
        await Controller.DownAsync();
        try
        {
            await Controller.UpAsync();
        }
        catch
        {
            await Controller.DownAsync();
            throw;
        }
    }

    public Task DisposeAsync() => Controller.DownAsync();

    /// <summary>A backup exists afterwards (taken now if none does), whatever order the tests ran in.</summary>
    public async Task EnsureBackupAsync()
    {
        if ((await Controller.GetBackupsAsync()).Backups.Count == 0)
        {
            await Controller.BackupAsync();
        }
    }

    /// <summary>A connection string for the app login on <paramref name="endpoint"/>.</summary>
    public string App(EndpointAddress endpoint) =>
        new NpgsqlConnectionStringBuilder(Controller.GetCredentials().ConnectionString(endpoint)) { Pooling = false, Timeout = 5 }.ConnectionString;

    public async Task<T> ScalarAsync<T>(EndpointAddress endpoint, string sql)
    {
        await using var conn = new NpgsqlConnection(App(endpoint));
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}
