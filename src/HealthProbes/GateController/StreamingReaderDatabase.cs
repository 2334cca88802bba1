using System.Collections.Concurrent;
using Npgsql;
using Resilience.HealthProbes.Probes;
using Resilience.Topology.Time;

namespace Resilience.HealthProbes.GateController;

/// <summary>Readers that replicate by streaming WAL (CloudNativePG): lag from the WAL receiver and the last replayed commit, as a local member's probe estimates it.</summary>
internal sealed class StreamingReaderDatabase(ReaderLogin login, TimeSpan probeTimeout, MonotonicClock clock) : SqlReaderDatabase(login, probeTimeout, clock)
{
    private const string Sql = """
        SELECT pg_is_in_recovery(),
               pg_postmaster_start_time()::text,
               coalesce((SELECT status = 'streaming' FROM pg_stat_wal_receiver), false),
               CASE WHEN pg_is_in_recovery() THEN pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())::bigint END,
               extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp())::float8
        """;

    private readonly ConcurrentDictionary<string, ReplayLagEstimator> _lag = new(StringComparer.Ordinal);

    protected override async Task<ReaderObservation> QueryAsync(NpgsqlDataSource source, ReaderCandidate reader, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(Sql, connection);
        await using var row = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await row.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException("the probe query returned no row");
        }

        var inRecovery = row.GetBoolean(0);
        var sample = new MemberSample(inRecovery, null, null, null, row.IsDBNull(3) ? null : row.GetInt64(3), row.IsDBNull(4) ? null : row.GetDouble(4), null, null, null, null, null);
        var lag = _lag.GetOrAdd(reader.Id, _ => new ReplayLagEstimator()).Estimate(sample, Clock.Now);
        return new ReaderObservation(true, null, inRecovery, row.GetBoolean(2), lag, row.GetString(1));
    }
}
