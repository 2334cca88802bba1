using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Platform.Kubernetes;
using Resilience.ChaosSuite.Tests.TestSupport;
using Resilience.KubernetesStandIn;
using Resilience.Topology;
using StandIn = Resilience.KubernetesStandIn.KubernetesStandIn;

namespace Resilience.ChaosSuite.Tests.Platform.Kubernetes;

/// <summary>
/// The restore drill on CloudNativePG against the stand-in API server (31020-31021) with a real PostgreSQL 15 behind the
/// cell's <c>-rw</c> Service (31190, archiving WAL): the drill waits for the WAL holding its target to be
/// archived, creates the recovery Cluster, uses its <c>-rw</c> Service once it serves, and deletes it, also when
/// interrupted. The operator's part (the recovery itself) is the stand-in's: the "copy" is the same server.
/// </summary>
[Collection(RestoreDrillPostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class KubernetesPlatformRestoreTests(ArchivingPostgres postgres)
{
    private const string Copy = "drill-table-corruption";

    [Fact]
    public async Task The_recovery_cluster_is_created_after_the_target_is_archived_served_and_deleted()
    {
        await using var stack = await Stack(31020);
        stack.StandIn.OnClusterCreated = _ => Task.FromResult(("127.0.0.1", ArchivingPostgres.Port));
        await using var platform = stack.Platform();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await postgres.ArchivingAsync(timeout.Token);

        var target = DateTimeOffset.UtcNow;
        var copy = await platform.RestoreCopyAsync(target, Copy, timeout.Token);

        Assert.Equal(new DatabaseEndpoint("127.0.0.1", ArchivingPostgres.Port), copy.Endpoint);
        JsonObject manifest;
        lock (stack.StandIn.Gate)
        {
            manifest = stack.StandIn.CreatedClusters["pg-default-drill-table-corruption"];
        }

        Assert.Equal(CnpgRecoveryCluster.TargetTime(target), manifest["spec"]!["bootstrap"]!["recovery"]!["recoveryTarget"]!["targetTime"]!.GetValue<string>());
        Assert.True(postgres.ArchivedSegments() > 0);

        await platform.DropCopyAsync(Copy, timeout.Token);
        await platform.DropCopyAsync(Copy, timeout.Token); // nothing left: a second drop is a no-op
        lock (stack.StandIn.Gate)
        {
            Assert.Empty(stack.StandIn.CreatedClusters);
            Assert.Equal(["pg-default-drill-table-corruption"], stack.StandIn.DeletedClusters);
        }
    }

    [Fact]
    public async Task Interrupted_while_the_recovery_cluster_comes_up_it_is_deleted()
    {
        await using var stack = await Stack(31021);
        stack.StandIn.OnClusterCreated = _ => new TaskCompletionSource<(string, int)>().Task; // never serves
        await using var platform = stack.Platform();
        using var interrupt = new CancellationTokenSource();
        await postgres.ArchivingAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(1));

        var restoring = platform.RestoreCopyAsync(DateTimeOffset.UtcNow, Copy, interrupt.Token);
        while (true)
        {
            lock (stack.StandIn.Gate)
            {
                if (stack.StandIn.CreatedClusters.Count > 0)
                {
                    break;
                }
            }

            Assert.False(restoring.IsCompleted, "the restore ended before it created its Cluster");
            await Task.Delay(20);
        }

        await interrupt.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => restoring);
        lock (stack.StandIn.Gate)
        {
            Assert.Empty(stack.StandIn.CreatedClusters);
            Assert.Equal(["pg-default-drill-table-corruption"], stack.StandIn.DeletedClusters);
        }
    }

    private static async Task<RestoreStack> Stack(int port)
    {
        var spec = StackSpecLoader.LoadStack(Stacks.RepoRoot, "k8s-staging");
        var standIn = new StandIn(port);
        StandInCell.Add(standIn, spec.Cells[0].Name, spec.Endpoints.ReadName, user: ArchivingPostgres.User, password: ArchivingPostgres.Password);
        lock (standIn.Gate)
        {
            standIn.Services.Single(s => s.Name == $"pg-{spec.Cells[0].Name}-rw").Port = ArchivingPostgres.Port;
            standIn.Backup = new JsonObject
            {
                ["barmanObjectStore"] = new JsonObject { ["destinationPath"] = "s3://acme-pg-backups/k8s-staging/pg-default", ["s3Credentials"] = new JsonObject { ["inheritFromIAMRole"] = true } },
            };
        }

        await Task.CompletedTask;
        return new RestoreStack(spec, standIn);
    }

    private sealed class RestoreStack(StackSpec spec, StandIn standIn) : IAsyncDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("chaos-k8s-restore-").FullName;

        public StandIn StandIn { get; } = standIn;

        public KubernetesPlatform Platform() => new(spec, new KubernetesPlatformOptions
        {
            KubeconfigPath = StandIn.WriteKubeconfig(_dir),
            PrometheusUrl = StandIn.Url,
        })
        {
            RestoreOptions = new CnpgPointInTimeRestoreOptions { PollInterval = TimeSpan.FromMilliseconds(100), ArchiveWait = TimeSpan.FromSeconds(60), DeleteTimeout = TimeSpan.FromSeconds(10) },
        };

        public async ValueTask DisposeAsync()
        {
            await StandIn.DisposeAsync();
            Directory.Delete(_dir, recursive: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class RestoreDrillPostgresCollection : ICollectionFixture<ArchivingPostgres>
{
    public const string Name = "restore drill postgres";
}

/// <summary>
/// A real PostgreSQL 15 on 127.0.0.1:31190 (run as the postgres user, state under /var/tmp) that archives every WAL
/// segment into a folder while a writer inserts a row every 100 ms and switches segments every 500 ms; stopped and
/// deleted afterwards.
/// </summary>
public sealed class ArchivingPostgres : IAsyncLifetime
{
    public const int Port = 31190;
    public const string User = "app";
    public const string Password = "restore-drill-test";
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private readonly string _root = $"/var/tmp/chaos-restore-pg-{Guid.NewGuid():N}"[..40];
    private readonly CancellationTokenSource _stop = new();
    private Task _writer = Task.CompletedTask;

    private string Data => Path.Combine(_root, "data");

    private string Archive => Path.Combine(_root, "archive");

    public int ArchivedSegments() => Directory.GetFiles(Archive).Count(f => Path.GetFileName(f).Length == 24);

    /// <summary>Why the writer stopped, if it did.</summary>
    public Exception? WriterError { get; private set; }

    /// <summary>Waits until the server archived a segment (the writer's WAL switched by archive_timeout).</summary>
    public async Task ArchivingAsync(CancellationToken ct)
    {
        while (ArchivedSegments() == 0)
        {
            Assert.True(WriterError is null, $"the writer failed: {WriterError}");
            await Task.Delay(100, ct);
        }
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Archive);
        Run("chown", "-R", "postgres", _root);
        Run("runuser", "-u", "postgres", "--", $"{Bin}/initdb", "-D", Data, "-A", "trust", "-U", "postgres");
        await File.AppendAllTextAsync(Path.Combine(Data, "postgresql.conf"), string.Create(CultureInfo.InvariantCulture,
            $"\nport = {Port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{_root}'\narchive_mode = on\narchive_command = 'cp %p {Archive}/%f'\narchive_timeout = 1\n"));
        await File.WriteAllTextAsync(Path.Combine(Data, "pg_hba.conf"), "local all postgres trust\nhost all all 127.0.0.1/32 scram-sha-256\n");
        Run("runuser", "-u", "postgres", "--", $"{Bin}/pg_ctl", "-D", Data, "-l", Path.Combine(_root, "log"), "-w", "start");
        Run("runuser", "-u", "postgres", "--", $"{Bin}/psql", "-h", _root, "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1",
            "-c", $"CREATE ROLE {User} LOGIN PASSWORD '{Password}'", "-c", $"CREATE DATABASE app OWNER {User}");
        _writer = Task.Run(WriteAsync);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _writer;
        if (File.Exists(Path.Combine(Data, "postmaster.pid")))
        {
            Run("runuser", "-u", "postgres", "--", $"{Bin}/pg_ctl", "-D", Data, "-m", "immediate", "-w", "stop");
        }

        Directory.Delete(_root, recursive: true);
        _stop.Dispose();
    }

    private async Task WriteAsync()
    {
        try
        {
            await WriteRowsAsync();
        }
#pragma warning disable CA1031 // reported by ArchivingAsync
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            WriterError = e;
        }
    }

    private async Task WriteRowsAsync()
    {
        var connection = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = User, Password = Password, Database = "app", Pooling = false }.ConnectionString;
        await using var source = NpgsqlDataSource.Create(connection);
        await using (var create = source.CreateCommand("CREATE TABLE IF NOT EXISTS ticks (at timestamptz DEFAULT now())"))
        {
            await create.ExecuteNonQueryAsync();
        }

        // archive_timeout did not switch segments reliably here under load, so the superuser switches every 5th write.
        var superuser = new NpgsqlConnectionStringBuilder { Host = _root, Port = Port, Username = "postgres", Database = "postgres", Pooling = false }.ConnectionString;
        await using var admin = NpgsqlDataSource.Create(superuser);
        for (var written = 1; !_stop.IsCancellationRequested; written++)
        {
            await using (var insert = source.CreateCommand("INSERT INTO ticks DEFAULT VALUES"))
            {
                await insert.ExecuteNonQueryAsync();
            }

            if (written % 5 == 0)
            {
                await using var change = admin.CreateCommand("SELECT pg_switch_wal()");
                await change.ExecuteNonQueryAsync();
            }

            try
            {
                await Task.Delay(100, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static void Run(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" })!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {error}");
        }
    }
}
