using Npgsql;
using Resilience.LocalCluster.Internal.Config;

namespace Resilience.LocalCluster.Internal.Backup;

/// <summary>The stack's pgBackRest repository: its files, its stanza, backups, checks and listing.</summary>
internal sealed class BackupRepository
{
    private readonly ClusterEnvironment _env;
    private readonly PgBackRestRunner _runner;

    public BackupRepository(ClusterEnvironment env)
    {
        _env = env;
        Layout = BackupLayout.Of(env.Layout);
        _runner = new PgBackRestRunner(env, Layout);
    }

    public BackupLayout Layout { get; }

    public PgBackRestRunner Runner => _runner;

    /// <summary>Writes the configuration and the password file and creates the folders, owned by the service account. Idempotent.</summary>
    public void Prepare()
    {
        foreach (var dir in new[] { Layout.Root, Layout.Repository, Layout.LogDir, Layout.LockDir, Layout.SpoolDir })
        {
            Directory.CreateDirectory(dir);
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            _env.GiveToServiceAccount(dir);
        }

        var config = new PgBackRestConfig(Layout, _env.Spec.Backup.RetentionFullBackups, BackupConstants.ProcessMax);
        Secrets.WritePrivate(Layout.ConfigFile, config.Render());
        _env.GiveToServiceAccount(Layout.ConfigFile);
        // Unix-socket connections match the host field "localhost".
        Secrets.WritePrivate(Layout.PgPass, $"*:*:*:{LocalClusterConstants.SuperUser}:{_env.Secrets.Superuser}\n");
        _env.GiveToServiceAccount(Layout.PgPass);
    }

    /// <summary>True once the stanza exists.</summary>
    public bool HasStanza => File.Exists(Layout.StanzaMarker);

    /// <summary>Creates the stanza from the primary, once.</summary>
    public async Task EnsureStanzaAsync(PrimaryTarget primary, CancellationToken ct)
    {
        if (HasStanza)
        {
            return;
        }

        Prepare();
        await _runner.RunAsync("stanza-create", [.. primary.Options(), "stanza-create"], ct);
        await File.WriteAllTextAsync(Layout.StanzaMarker, _env.Time.GetUtcNow().ToString("O"), ct);
    }

    /// <summary>Takes a full backup from the primary (expiring what retention no longer keeps) and returns it.</summary>
    public async Task<BackupSet> BackupAsync(PrimaryTarget primary, CancellationToken ct)
    {
        await EnsureStanzaAsync(primary, ct);
        var before = (await ListAsync(ct)).Backups.Select(b => b.Label).ToHashSet();
        await _runner.RunAsync("backup", [.. primary.Options(), "--type=full", "backup"], ct);
        var after = await ListAsync(ct);
        return after.Backups.LastOrDefault(b => !before.Contains(b.Label))
            ?? throw new LocalClusterException($"pgbackrest backup reported success but no new backup is listed in {Layout.Repository}");
    }

    /// <summary>
    /// Seals the archive up to now: a committed transaction (recovery to a time needs a commit after it in
    /// the archive), then <c>pgbackrest check</c>, which switches the WAL segment and waits until it is in
    /// the repository. Fails with pgBackRest's own message when the repository or archiving is broken.
    /// </summary>
    public async Task<DateTimeOffset> SealAsync(PrimaryTarget primary, CancellationToken ct)
    {
        var sealedAt = _env.Time.GetUtcNow();
        await using (var conn = new NpgsqlConnection(SuperuserConnection(primary.Port)))
        {
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("SELECT txid_current()", conn);
            await cmd.ExecuteScalarAsync(ct);
        }

        await _runner.RunAsync("check", [.. primary.Options(), "check"], ct);
        return sealedAt;
    }

    /// <summary>What the repository holds; an empty listing when nothing was backed up yet.</summary>
    public async Task<BackupListing> ListAsync(CancellationToken ct)
    {
        if (!HasStanza)
        {
            return new BackupListing(Layout.Repository, [], null, null);
        }

        var json = await _runner.RunAsync("info", ["--output=json", "info"], ct);
        return BackupCatalog.Parse(json, Layout.Repository, wal => BackupCatalog.ArchivedAt(Layout.Repository, wal));
    }

    /// <summary>A superuser connection string to a member's PostgreSQL.</summary>
    public string SuperuserConnection(int port, string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = LocalClusterConstants.Host,
        Port = port,
        Username = LocalClusterConstants.SuperUser,
        Password = _env.Secrets.Superuser,
        Database = database,
        Timeout = 5,
        Pooling = false,
        ApplicationName = "localcluster-backup",
    }.ConnectionString;
}
