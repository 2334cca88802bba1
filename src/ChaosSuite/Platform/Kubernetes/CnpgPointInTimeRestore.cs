using System.Globalization;
using System.Text.Json;
using Npgsql;

namespace Resilience.ChaosSuite.Platform.Kubernetes;

/// <summary>
/// The restore drills on CloudNativePG: a temporary Cluster bootstrapped by recovery from the source's object store at
/// the target (<see cref="CnpgRecoveryCluster"/>), read through its <c>-rw</c> Service with the application's
/// credentials, and deleted afterwards, also when the restore fails or is interrupted. The source is only read.
/// </summary>
internal sealed class CnpgPointInTimeRestore(CnpgApi api, DatabaseAccess access, string owner, TimeProvider time, CnpgPointInTimeRestoreOptions options)
{
    /// <summary>What bounds the writes a restore loses on CloudNativePG, for reports.</summary>
    public const string RecoveryPointBound =
        "CloudNativePG's WAL archive to the object store: what was not archived yet (archive_timeout, 5 min by default; CloudNativePG documents an RPO of at most 5 minutes)";

    /// <summary>From status.firstRecoverabilityPoint to now while WAL is archived; null before the first base backup.</summary>
    public async Task<RestorableRange?> GetRestorableRangeAsync(CancellationToken ct)
    {
        var source = await api.FindClusterJsonAsync(api.Names.Cluster, ct) ?? throw new PlatformException($"Cluster {api.Names.Cluster} not found in namespace {api.Names.Namespace}");
        var status = source.TryGetProperty("status", out var s) ? s : default;
        var from = Time(status, "firstRecoverabilityPoint");
        return from is null ? null : new RestorableRange(from.Value, time.GetUtcNow(), Time(status, "lastSuccessfulBackup") ?? from.Value);
    }

    /// <summary>Waits until the WAL holding <paramref name="target"/> is archived, then creates the recovery Cluster and waits until it serves.</summary>
    public async Task<RestoredDatabase> RestoreCopyAsync(DateTimeOffset target, string name, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var source = await api.FindClusterJsonAsync(api.Names.Cluster, ct) ?? throw new PlatformException($"Cluster {api.Names.Cluster} not found in namespace {api.Names.Namespace}");
        var manifest = CnpgRecoveryCluster.Manifest(source, name, target, access.Database, owner);
        var copy = CnpgRecoveryCluster.NameOf(api.Names.Cluster, name);
        await WaitArchivedAsync(ct);
        var created = false;
        try
        {
            created = true;
            await api.CreateClusterAsync(manifest, ct);
            var endpoint = await WaitServingAsync(copy, ct);
            return new RestoredDatabase(name, endpoint, target, $"{api.Names.Cluster} object store (recovery bootstrap)", target, time.GetElapsedTime(started).TotalSeconds);
        }
        catch when (created)
        {
            using var cleanup = new CancellationTokenSource(options.DeleteTimeout, time);
            await api.DeleteClusterAsync(copy, cleanup.Token);
            throw;
        }
    }

    /// <summary>Deletes copy <paramref name="name"/>'s Cluster; nothing when there is none.</summary>
    public Task DropCopyAsync(string name, CancellationToken ct) => api.DeleteClusterAsync(CnpgRecoveryCluster.NameOf(api.Names.Cluster, name), ct);

    /// <summary>
    /// The target lies before now, so once the segment holding the current WAL position is archived, every WAL the
    /// recovery needs is in the store (pg_stat_archiver and pg_walfile_name are open to the application's user).
    /// </summary>
    private async Task WaitArchivedAsync(CancellationToken ct)
    {
        var builder = access.ConnectionString(access.Write);
        builder.Pooling = false;
        builder.ApplicationName = "chaos-restore-drill";
        await using var source = access.CreateDataSource(builder);
        var needed = await ScalarAsync(source, "SELECT pg_walfile_name(pg_current_wal_lsn())", ct);
        var deadline = time.GetUtcNow() + options.ArchiveWait;
        while (true)
        {
            var archived = await ScalarAsync(source, "SELECT last_archived_wal FROM pg_stat_archiver", ct);
            // WAL file names order by timeline, then position.
            if (archived is not null && needed is not null && string.CompareOrdinal(archived, needed) >= 0)
            {
                return;
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new PlatformException(string.Create(CultureInfo.InvariantCulture,
                    $"WAL segment {needed} of Cluster {api.Names.Cluster} was not archived within {options.ArchiveWait.TotalMinutes:0} min (last archived: {archived ?? "none"}); check its ContinuousArchiving condition. Nothing was restored"));
            }

            await Task.Delay(options.PollInterval, time, ct);
        }
    }

    private async Task<DatabaseEndpoint> WaitServingAsync(string copy, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + options.CreateTimeout;
        while (true)
        {
            var cluster = await api.FindClusterJsonAsync(copy, ct) ?? throw new PlatformException($"the recovery Cluster {copy} disappeared while it was created");
            var state = CnpgClusterState.Parse(cluster);
            if (state.ReadyInstances >= 1 && state.Phase == CnpgClusterState.HealthyPhase)
            {
                return CnpgDiscovery.Endpoint(await api.GetServiceAsync($"{copy}-rw", ct), api.Names);
            }

            if (time.GetUtcNow() >= deadline)
            {
                throw new PlatformException(string.Create(CultureInfo.InvariantCulture,
                    $"the recovery Cluster {copy} did not serve within {options.CreateTimeout.TotalMinutes:0} min (phase: {state.Phase ?? "none"}); see `kubectl describe cluster {copy} -n {api.Names.Namespace}`"));
            }

            await Task.Delay(options.PollInterval, time, ct);
        }
    }

    private static async Task<string?> ScalarAsync(NpgsqlDataSource source, string sql, CancellationToken ct)
    {
        try
        {
            await using var command = source.CreateCommand(sql);
            return await command.ExecuteScalarAsync(ct) as string;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw new PlatformException($"reading the WAL archive's progress through {source.ConnectionString.Split(';')[0]} failed: {e.Message}", e);
        }
    }

    private static DateTimeOffset? Time(JsonElement status, string name) =>
        status.ValueKind == JsonValueKind.Object && status.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}

/// <summary>How a CloudNativePG restore drill waits on the operator.</summary>
internal sealed class CnpgPointInTimeRestoreOptions
{
    /// <summary>How often the archive and the recovery Cluster are read.</summary>
    /// <value>Defaults to 5 s.</value>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the drill waits for the WAL holding its target to be archived (archive_timeout is 5 min by default).</summary>
    /// <value>Defaults to 10 min.</value>
    public TimeSpan ArchiveWait { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the recovery Cluster may take to serve (a base backup downloaded, WAL replayed).</summary>
    /// <value>Defaults to 60 min.</value>
    public TimeSpan CreateTimeout { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>How long deleting the recovery Cluster after a failure may take.</summary>
    /// <value>Defaults to 2 min.</value>
    public TimeSpan DeleteTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
