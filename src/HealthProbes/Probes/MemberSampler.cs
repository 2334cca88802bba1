using Npgsql;
using Resilience.HealthProbes.Internal;

namespace Resilience.HealthProbes.Probes;

/// <summary>Runs the probe query against the member, bounded by the probe timeout whatever the server does.</summary>
internal sealed class MemberSampler
{
    // One round trip. Functions that fail outside recovery (or in it) sit behind CASE on the role.
    private const string Sql = """
        SELECT s.rec,
               CASE WHEN s.rec THEN pg_is_wal_replay_paused() END,
               pg_last_wal_receive_lsn()::text,
               pg_last_wal_replay_lsn()::text,
               CASE WHEN s.rec THEN pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())::bigint END,
               extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp())::float8,
               r.status,
               r.sender_host,
               r.sender_port,
               CASE WHEN s.rec THEN r.received_tli
                    ELSE ('x' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8))::bit(32)::int END,
               (SELECT sum(blks_hit)::float8 / nullif(sum(blks_hit) + sum(blks_read), 0) FROM pg_stat_database)
        FROM (SELECT pg_is_in_recovery() AS rec) s
        LEFT JOIN pg_stat_wal_receiver r ON true
        """;

    private readonly NpgsqlDataSource _source;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;

    public MemberSampler(NpgsqlDataSource source, TimeSpan timeout, TimeProvider time)
    {
        _source = source;
        _timeout = timeout;
        _time = time;
    }

    /// <summary>The sample, or the one-line reason there is none. Returns within the timeout.</summary>
    public async Task<(MemberSample? Sample, string? Problem)> SampleAsync(CancellationToken stop)
    {
        using var timeout = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
        var query = QueryAsync(linked.Token);
        try
        {
            // WaitAsync is the hard bound: a driver call that ignores cancellation cannot hold the probe.
            return (await query.WaitAsync(_timeout, _time, stop).ConfigureAwait(false), null);
        }
        catch (Exception e) when (!stop.IsCancellationRequested && (e is TimeoutException || timeout.IsCancellationRequested))
        {
            Forget(query);
            return (null, $"no answer within {_timeout.TotalMilliseconds:0} ms");
        }
        catch (Exception e) when (!stop.IsCancellationRequested && e is NpgsqlException or InvalidOperationException or IOException)
        {
            return (null, Errors.OneLine(e));
        }
    }

    private async Task<MemberSample> QueryAsync(CancellationToken token)
    {
        await using var connection = await _source.OpenConnectionAsync(token).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(Sql, connection);
        await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
        if (!await reader.ReadAsync(token).ConfigureAwait(false))
        {
            throw new InvalidOperationException("the probe query returned no row");
        }

        return new MemberSample(
            InRecovery: reader.GetBoolean(0),
            ReplayPaused: reader.IsDBNull(1) ? null : reader.GetBoolean(1),
            ReceiveLsn: reader.IsDBNull(2) ? null : reader.GetString(2),
            ReplayLsn: reader.IsDBNull(3) ? null : reader.GetString(3),
            LagBytes: reader.IsDBNull(4) ? null : reader.GetInt64(4),
            LastReplayAgeSeconds: reader.IsDBNull(5) ? null : reader.GetDouble(5),
            WalReceiverStatus: reader.IsDBNull(6) ? null : reader.GetString(6),
            SenderHost: reader.IsDBNull(7) ? null : reader.GetString(7),
            SenderPort: reader.IsDBNull(8) ? null : reader.GetInt32(8),
            Timeline: reader.IsDBNull(9) ? null : reader.GetInt32(9),
            BufferCacheHitRatio: reader.IsDBNull(10) ? null : reader.GetDouble(10));
    }

    /// <summary>An abandoned query finishes (or fails) later; observe it so it is not an unobserved exception.</summary>
    private static void Forget(Task task) =>
        _ = task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
}
