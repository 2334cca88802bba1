using Npgsql;
using Resilience.Topology.Time;

namespace Resilience.HealthProbes.GateController.Aurora;

/// <summary>
/// Aurora readers: no WAL receiver (they read the shared cluster volume), so the lag is the reader's own row of
/// <c>aurora_replica_status()</c> (<c>replica_lag_in_msec</c>, matched on <c>aurora_db_instance_identifier()</c>), as the
/// Aurora user guide documents both functions; a reader without its row does not receive changes.
/// </summary>
internal sealed class AuroraReaderDatabase(ReaderLogin login, TimeSpan probeTimeout, MonotonicClock clock) : SqlReaderDatabase(login, probeTimeout, clock)
{
    private const string Sql = """
        SELECT pg_is_in_recovery(),
               pg_postmaster_start_time()::text,
               s.found,
               s.lag_ms
        FROM (SELECT count(*) > 0 AS found, max(replica_lag_in_msec)::float8 AS lag_ms
              FROM aurora_replica_status() WHERE server_id = aurora_db_instance_identifier()) s
        """;

    protected override async Task<ReaderObservation> QueryAsync(NpgsqlDataSource source, ReaderCandidate reader, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(Sql, connection);
        await using var row = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await row.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException("the probe query returned no row");
        }

        var found = row.GetBoolean(2);
        double? lag = row.IsDBNull(3) ? null : Math.Max(0, row.GetDouble(3)) / 1000;
        return new ReaderObservation(true, found ? null : "no aurora_replica_status() row for this instance", row.GetBoolean(0), found, lag, row.GetString(1));
    }
}
