using System.Globalization;
using System.Security.Cryptography;
using Npgsql;

namespace Resilience.HealthProbes.Tests.Internal;

/// <summary>A real PostgreSQL 15 primary and a streaming replica on loopback (initdb + pg_basebackup -R), scram-sha-256 auth.</summary>
/// <remarks>
/// Everything lives under <c>/var/tmp/healthprobes-tests/run-&lt;pid&gt;-*</c>, owned by <c>postgres</c>. Servers are
/// stopped by pid on disposal, killed on test-host exit, and leftovers of crashed runs are killed on the next start.
/// Database <c>app</c> holds a ~20 MB table <c>public.data</c> with an index, and the pg_prewarm extension.
/// </remarks>
public class PgTestCluster : IAsyncLifetime
{
    public const string Database = "app";
    public const string User = "postgres";
    private const string TestsRoot = "/var/tmp/healthprobes-tests";

    private PgServer? _primary;
    private readonly List<PgServer> _replicas = [];
    private readonly Func<int> _ports;
    private readonly int _replicaCount;

    public PgTestCluster()
        : this(TestPorts.Next, 1)
    {
    }

    /// <summary>A primary and <paramref name="replicas"/> streaming replicas on ports from <paramref name="ports"/>.</summary>
    protected PgTestCluster(Func<int> ports, int replicas)
    {
        _ports = ports;
        _replicaCount = replicas;
    }

    public string Root { get; } = Path.Combine(TestsRoot, $"run-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");

    public string Password { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    public string PasswordFile => Path.Combine(Root, "pgpass");

    public PgServer Primary => _primary ?? throw new InvalidOperationException("not started");

    public PgServer Replica => Replicas.Count > 0 ? Replicas[0] : throw new InvalidOperationException("not started");

    public IReadOnlyList<PgServer> Replicas => _replicas;

    public async Task InitializeAsync()
    {
        RemoveLeftovers();
        Directory.CreateDirectory(TestsRoot);
        Directory.CreateDirectory(Root);
        await ChownAsync(Root);
        await File.WriteAllTextAsync(PasswordFile, Password + "\n");
        File.SetUnixFileMode(PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await ChownAsync(PasswordFile);

        try
        {
            var extra = await ExtraServerSettingsAsync();
            _primary = new PgServer("primary", Path.Combine(Root, "primary"), _ports(), Path.Combine(Root, "primary.log"));
            await PgServer.RunToolAsync("initdb", ["-D", Primary.DataDirectory, "-U", User, "--auth=scram-sha-256", $"--pwfile={PasswordFile}", "-N", "--locale=C", "-E", "UTF8"]);
            await File.AppendAllTextAsync(Path.Combine(Primary.DataDirectory, "postgresql.conf"), ServerSettings(Primary.Port) + extra);
            await File.WriteAllTextAsync(Path.Combine(Primary.DataDirectory, "pg_hba.conf"),
                "host all all 127.0.0.1/32 scram-sha-256\nhost replication all 127.0.0.1/32 scram-sha-256\n");
            await StartAsync(Primary);
            await SeedAsync();

            for (var i = 1; i <= _replicaCount; i++)
            {
                var name = i == 1 ? "replica" : $"replica{i}";
                var replica = new PgServer(name, Path.Combine(Root, name), _ports(), Path.Combine(Root, name + ".log"));
                _replicas.Add(replica);
                await PgServer.RunToolAsync(
                    "pg_basebackup",
                    ["-h", "127.0.0.1", "-p", Primary.Port.ToString(CultureInfo.InvariantCulture), "-U", User, "-D", replica.DataDirectory, "-R", "-X", "stream", "-c", "fast", "-N"],
                    new Dictionary<string, string> { ["PGPASSWORD"] = Password });
                await File.AppendAllTextAsync(Path.Combine(replica.DataDirectory, "postgresql.conf"), ServerSettings(replica.Port));
                await StartAsync(replica);
            }

            await WaitStreamingAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var server in _replicas.Cast<PgServer?>().Append(_primary))
        {
            if (server is not null)
            {
                await server.StopAsync(Signals.Quit);
            }
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    public string ConnectionString(PgServer server, string database = Database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = server.Port,
        Database = database,
        Username = User,
        Password = Password,
        Pooling = false,
        Timeout = 5,
    }.ConnectionString;

    public async Task<object?> ScalarAsync(PgServer server, string sql, string database = Database)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(server, database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public Task ExecuteAsync(PgServer server, string sql, string database = Database) => ScalarAsync(server, sql, database);

    /// <summary>A new directory for one HealthProbes instance's state.</summary>
    public string NewStateDir()
    {
        var path = Path.Combine(Root, "state-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Starts the primary again (after a test stopped it) and waits until the replica streams from it.</summary>
    public async Task EnsurePrimaryRunningAsync()
    {
        if (Primary.Pid is null)
        {
            await StartAsync(Primary);
        }

        await WaitStreamingAsync();
    }

    public async Task WaitStreamingAsync()
    {
        foreach (var replica in _replicas)
        {
            await Poll.UntilAsync(
                async () => await ScalarAsync(replica, "SELECT coalesce((SELECT status FROM pg_stat_wal_receiver), 'none')") as string,
                status => status == "streaming",
                Timeouts.ClusterStart,
                $"{replica.Name} streaming");
        }
    }

    /// <summary>Lines added to every server's postgresql.conf (the replicas copy the primary's), prepared under <see cref="Root"/>.</summary>
    protected virtual Task<string> ExtraServerSettingsAsync() => Task.FromResult("");

    /// <summary>Starts a server this fixture created and waits until it accepts connections.</summary>
    protected internal async Task StartAsync(PgServer server)
    {
        server.Start();
        await Poll.UntilAsync(
            async () =>
            {
                if (server.Pid is null)
                {
                    throw new InvalidOperationException($"{server.Name} exited: {server.LogTail()}");
                }

                return await ScalarAsync(server, "SELECT 1", "postgres") is 1;
            },
            Timeouts.ServerStartStop,
            $"{server.Name} accepting connections on port {server.Port}");
    }

    private async Task SeedAsync()
    {
        await ExecuteAsync(Primary, $"CREATE DATABASE {Database}", "postgres");
        await ExecuteAsync(Primary, """
            CREATE EXTENSION pg_prewarm;
            CREATE TABLE public.data (id bigint PRIMARY KEY, payload text NOT NULL);
            INSERT INTO public.data SELECT g, repeat(md5(g::text), 6) FROM generate_series(1, 80000) g;
            CREATE TABLE public.writes (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now());
            CHECKPOINT;
            """);
    }

    private static string ServerSettings(int port) => $"""

        # healthprobes tests
        listen_addresses = '127.0.0.1'
        port = {port}
        unix_socket_directories = ''
        max_connections = 40
        shared_buffers = 64MB
        wal_level = replica
        max_wal_senders = 5
        wal_keep_size = 128MB
        hot_standby = on
        wal_retrieve_retry_interval = 200ms
        max_standby_streaming_delay = 1s
        fsync = off
        synchronous_commit = off
        full_page_writes = off
        log_min_messages = warning
        """;

    protected static async Task ChownAsync(string path)
    {
        using var process = System.Diagnostics.Process.Start("chown", ["-R", $"{PgServer.OsUser}:{PgServer.OsUser}", path]);
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"chown {path} failed with {process.ExitCode}");
        }
    }

    /// <summary>Kills servers of earlier test runs whose test host is gone (a crash or a kill), then removes their files; runs of live hosts (this one too) are left alone.</summary>
    private static void RemoveLeftovers()
    {
        if (!Directory.Exists(TestsRoot))
        {
            return;
        }

        foreach (var run in Directory.EnumerateDirectories(TestsRoot, "run-*"))
        {
            var owner = Path.GetFileName(run).Split('-')[1];
            if (int.TryParse(owner, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Signals.IsAlive(pid))
            {
                continue;
            }

            foreach (var dataDirectory in Directory.EnumerateDirectories(run))
            {
                PgServer.KillLeftover(dataDirectory);
            }

            try
            {
                Directory.Delete(run, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
