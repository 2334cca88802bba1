using Npgsql;

namespace Resilience.LocalCluster.Internal.Clients;

/// <summary>What the supervisor and <c>status</c> read from the primary: replication lag per replica and client connections; whether a member takes writes.</summary>
internal static class PrimaryQueries
{
    private const string ReplicationSql =
        "SELECT application_name, COALESCE(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn), 0)::bigint, " +
        "COALESCE(EXTRACT(EPOCH FROM replay_lag), 0)::float8, sync_state FROM pg_stat_replication";

    private const string ConnectionsSql =
        "SELECT count(*) FILTER (WHERE backend_type = 'client backend' AND usename <> ALL(@platform)), " +
        "count(*) FILTER (WHERE backend_type = 'client backend' AND state = 'active' AND usename <> ALL(@platform)) FROM pg_stat_activity";

    /// <summary>
    /// True when the member's PostgreSQL answers and is out of recovery (a primary taking writes); false when it is a
    /// replica, is still promoting or does not answer within a second.
    /// </summary>
    public static async Task<bool> IsWritableAsync(int port, string superuserPassword, CancellationToken ct)
    {
        try
        {
            await using var conn = new NpgsqlConnection(ConnectionString(port, superuserPassword, pooling: true, timeoutSeconds: 1));
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("SELECT NOT pg_is_in_recovery()", conn);
            return await cmd.ExecuteScalarAsync(ct) is true;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException or InvalidOperationException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return false;
        }
    }

    /// <summary>Replication and connection figures, or null when the primary does not answer.</summary>
    public static async Task<PrimaryObservation?> ObserveAsync(int port, string superuserPassword, bool pooling, CancellationToken ct)
    {
        var cs = ConnectionString(port, superuserPassword, pooling, timeoutSeconds: 2);
        try
        {
            await using var conn = new NpgsqlConnection(cs);
            await conn.OpenAsync(ct);
            var replicas = new List<ReplicaLag>();
            await using (var cmd = new NpgsqlCommand(ReplicationSql, conn))
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    replicas.Add(new ReplicaLag(reader.GetString(0), reader.GetInt64(1), reader.GetDouble(2), reader.GetString(3)));
                }
            }

            await using var count = new NpgsqlCommand(ConnectionsSql, conn);
            count.Parameters.AddWithValue("platform", new[] { LocalClusterConstants.SuperUser, LocalClusterConstants.ProbeUser, LocalClusterConstants.ReplicationUser });
            await using var r2 = await count.ExecuteReaderAsync(ct);
            await r2.ReadAsync(ct);
            return new PrimaryObservation(replicas, r2.GetInt64(0), r2.GetInt64(1));
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException or InvalidOperationException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return null;
        }
    }

    /// <summary>The supervisor's superuser connection to the member PostgreSQL on <paramref name="port"/>.</summary>
    internal static string ConnectionString(int port, string superuserPassword, bool pooling, int timeoutSeconds) => new NpgsqlConnectionStringBuilder
    {
        Host = LocalClusterConstants.Host,
        Port = port,
        Username = LocalClusterConstants.SuperUser,
        Password = superuserPassword,
        Database = "postgres",
        Timeout = timeoutSeconds,
        CommandTimeout = timeoutSeconds,
        Pooling = pooling,
        ApplicationName = "localcluster",
    }.ConnectionString;
}

/// <summary>
/// Releases commits that wait for synchronous standbys once the set they wait for has changed: PostgreSQL re-checks
/// them only when a synchronous standby reports a newer position, which it does when new WAL reaches it. A transaction
/// that only takes a transaction id writes a commit record and flushes it without waiting itself
/// (<c>synchronous_commit = local</c>); a few of them, spaced, make sure one comes after PostgreSQL reloaded the set.
/// </summary>
internal static class WaitingCommitRelease
{
    /// <summary>How many tiny commits, and how far apart: Patroni reloads PostgreSQL a few milliseconds after it writes <c>/sync</c>.</summary>
    public const int Commits = 4;

    /// <summary>The spacing of those commits.</summary>
    public static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(25);

    /// <summary>Makes the commits on the primary at <paramref name="port"/>; false when it does not answer.</summary>
    public static async Task<bool> NudgeAsync(int port, string superuserPassword, TimeProvider time, CancellationToken ct)
    {
        var cs = new NpgsqlConnectionStringBuilder(PrimaryQueries.ConnectionString(port, superuserPassword, pooling: true, timeoutSeconds: 2))
        {
            ApplicationName = "localcluster-release",
            Options = "-c synchronous_commit=local",
        }.ConnectionString;
        try
        {
            await using var conn = new NpgsqlConnection(cs);
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("SELECT pg_catalog.txid_current()", conn);
            for (var i = 0; i < Commits; i++)
            {
                await cmd.ExecuteScalarAsync(ct);
                await Task.Delay(Spacing, time, ct);
            }

            return true;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException or InvalidOperationException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return false;
        }
    }
}

/// <summary>One row of <c>pg_stat_replication</c>.</summary>
internal sealed record ReplicaLag(string Member, long LagBytes, double LagSeconds, string SyncState);

/// <summary>The primary's view.</summary>
internal sealed record PrimaryObservation(IReadOnlyList<ReplicaLag> Replicas, long ClientConnections, long ActiveSessions);
