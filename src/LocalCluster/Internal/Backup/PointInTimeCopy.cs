using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using Resilience.LocalCluster.Internal.Ports;
using Resilience.LocalCluster.Internal.Processes;
using Resilience.LocalCluster.Internal.Supervision;
using Resilience.Topology.Files;

namespace Resilience.LocalCluster.Internal.Backup;

/// <summary>
/// Restores the repository to a point in time into a new data directory and starts it as a standalone
/// PostgreSQL on a spare port beside the running stack. Whatever stops it half-way (an error, Ctrl-C,
/// SIGTERM) removes the copy: processes stopped, folder deleted. The stack itself is never touched.
/// </summary>
internal sealed partial class PointInTimeCopy(ClusterEnvironment env, BackupRepository repository)
{
    private BackupLayout Layout => repository.Layout;

    /// <summary>Restores to <paramref name="target"/> (null: the end of the archive) into copy <paramref name="name"/>.</summary>
    public async Task<RestoredCopy> CreateAsync(BackupListing listing, BackupSet backup, DateTimeOffset? target, string name, CancellationToken ct)
    {
        var started = env.Time.GetTimestamp();
        var dataDir = Layout.CopyData(name);
        var port = SparePort();
        Directory.CreateDirectory(Layout.CopiesRoot);
        Directory.CreateDirectory(Layout.Copy(name));
        File.SetUnixFileMode(Layout.Copy(name), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        env.GiveToServiceAccount(Layout.Copy(name));
        // Written whole or not at all: whoever finds the record (a drop, a spare-port search, a test) reads a port.
        AtomicFile.WriteAllText(Layout.CopyRecord(name), JsonSerializer.Serialize(new CopyRecord(port, target, backup.Label)));
        try
        {
            string[] recovery = target is { } t
                ? ["--type=time", $"--target={t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)}+00", "--target-action=promote"]
                : ["--type=default"];
            // archive-mode=off: the copy must never push its own timeline into the stack's archive.
            await repository.Runner.RunAsync("restore", [$"--pg1-path={dataDir}", $"--set={backup.Label}", "--archive-mode=off", .. recovery, "restore"], ct);
            var postmaster = Start(name, dataDir, port);
            await WaitOpenAsync(name, postmaster, port, ct);
            var seconds = env.Time.GetElapsedTime(started).TotalSeconds;
            return new RestoredCopy(name, new EndpointAddress(LocalClusterConstants.Host, port), dataDir, target, backup.Label, seconds);
        }
        catch
        {
            await DropAsync(name, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Stops copy <paramref name="name"/> and deletes it; false when there is no such copy.</summary>
    public async Task<bool> DropAsync(string name, CancellationToken ct)
    {
        var folder = Layout.Copy(name);
        if (!Directory.Exists(folder))
        {
            return false;
        }

        if (PidFile.ReadAlive(Layout.CopyPid(name)) is { } postmaster)
        {
            await ProcessSignals.StopAsync(postmaster, TimeSpan.FromSeconds(10), env.Time, ct);
        }

        MemberHost.DeleteTree(folder);
        return true;
    }

    /// <summary>The names of the copies that exist.</summary>
    public IReadOnlyList<string> Names() =>
        Directory.Exists(Layout.CopiesRoot) ? Directory.GetDirectories(Layout.CopiesRoot).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList() : [];

    /// <summary>Null when <paramref name="name"/> can name a copy, else what is wrong.</summary>
    public static string? NameProblem(string name) =>
        CopyName().IsMatch(name) ? null : $"copy name '{name}' must be 1-40 lower-case letters, digits or '-', starting with a letter";

    private ProcessHandle Start(string name, string dataDir, int port)
    {
        var ci = CultureInfo.InvariantCulture;
        var state = env.Store.TryLoad() ?? throw new LocalClusterException($"no cluster state in {env.Layout.Root}");
        // Patroni's postgresql.conf came with the backup: its port, sockets, pg_hba path, synchronous standbys
        // and archiving are the lost member's, so each is overridden here.
        string[] args =
        [
            "-D", dataDir,
            "-c", string.Create(ci, $"port={port}"),
            "-c", $"listen_addresses={LocalClusterConstants.Host}",
            "-c", $"unix_socket_directories={Layout.Copy(name)}",
            "-c", $"hba_file={Path.Combine(dataDir, "pg_hba.conf")}",
            "-c", $"ident_file={Path.Combine(dataDir, "pg_ident.conf")}",
            "-c", "synchronous_standby_names=",
            "-c", "archive_mode=off",
            "-c", "hot_standby=on",
            "-c", $"cluster_name={name}",
        ];
        var handle = ProcessLauncher.Start(new LaunchSpec(Path.Combine(state.PgBinDir, "postgres"), args, Layout.CopyLog(name))
        {
            RunAs = env.ServiceAccount,
            CleanEnvironment = true,
            WorkingDirectory = Layout.Copy(name),
        });
        PidFile.Write(Layout.CopyPid(name), handle);
        return handle;
    }

    private async Task WaitOpenAsync(string name, ProcessHandle postmaster, int port, CancellationToken ct)
    {
        var deadline = env.Time.GetUtcNow() + BackupConstants.CopyStartTimeout;
        while (true)
        {
            if (!postmaster.IsAlive)
            {
                throw new LocalClusterException($"the restored copy stopped during recovery: {FatalLine(Layout.CopyLog(name)) ?? "see " + Layout.CopyLog(name)}", LocalClusterException.Failed);
            }

            try
            {
                await using var conn = new NpgsqlConnection(repository.SuperuserConnection(port));
                await conn.OpenAsync(ct);
                await using var cmd = new NpgsqlCommand("SELECT pg_is_in_recovery()", conn);
                if (await cmd.ExecuteScalarAsync(ct) is false)
                {
                    return;
                }
            }
            catch (NpgsqlException)
            {
                // Still replaying WAL (the database system is starting up).
            }

            if (env.Time.GetUtcNow() > deadline)
            {
                throw new LocalClusterException($"the restored copy did not open within {BackupConstants.CopyStartTimeout.TotalSeconds:0} s; see {Layout.CopyLog(name)}", LocalClusterException.Failed);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), env.Time, ct);
        }
    }

    private int SparePort()
    {
        // Beside the stack: the first free port after its last one.
        for (var port = env.Ports.LastPort + 1; port <= Math.Min(65535, env.Ports.LastPort + 200); port++)
        {
            if (PortAvailability.IsFree(port) && !UsedByCopy(port))
            {
                return port;
            }
        }

        throw new LocalClusterException($"no free port in {env.Ports.LastPort + 1}-{env.Ports.LastPort + 200} for the restored copy; drop old copies with: restore --drop <name>");
    }

    private bool UsedByCopy(int port) => Names().Any(n => ReadRecord(n)?.Port == port);

    private CopyRecord? ReadRecord(string name)
    {
        try
        {
            return JsonSerializer.Deserialize<CopyRecord>(File.ReadAllText(Layout.CopyRecord(name)));
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }

    /// <summary>PostgreSQL's FATAL (or PANIC) message from the copy's log, or null.</summary>
    internal static string? FatalLine(string logPath)
    {
        if (!File.Exists(logPath))
        {
            return null;
        }

        var line = File.ReadLines(logPath).LastOrDefault(l => l.Contains("FATAL:", StringComparison.Ordinal) || l.Contains("PANIC:", StringComparison.Ordinal));
        return line is null ? null : line[(line.IndexOf(':', line.IndexOf("FATAL:", StringComparison.Ordinal) is var f and >= 0 ? f : line.IndexOf("PANIC:", StringComparison.Ordinal)) + 1)..].Trim();
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$")]
    private static partial Regex CopyName();

    private sealed record CopyRecord(int Port, DateTimeOffset? Target, string Backup);
}
