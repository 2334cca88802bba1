using Npgsql;

namespace Resilience.ChaosSuite.Workload;

/// <summary>
/// The SQL of the write ledger's table: one row per acknowledged write, keyed by run and id, with a payload the
/// client knows (<see cref="LedgerPayload"/>), so that a restore drill can tell a right row from a corrupted one.
/// </summary>
internal sealed class LedgerTable(string table, string identitySql)
{
    /// <summary>Tables made before the payload column get it (NULL in their old rows).</summary>
    public string Create =>
        $"CREATE TABLE IF NOT EXISTS {table} (run_id uuid NOT NULL, id bigint NOT NULL, attempts int NOT NULL DEFAULT 1, " +
        $"written_at timestamptz NOT NULL DEFAULT now(), payload text, PRIMARY KEY (run_id, id)); ALTER TABLE {table} ADD COLUMN IF NOT EXISTS payload text";

    /// <summary>Idempotent: a retry of a write whose acknowledgement was lost updates the same row.</summary>
    public string Insert =>
        $"INSERT INTO {table} (run_id, id, payload) VALUES ($1, $2, $3) ON CONFLICT (run_id, id) DO UPDATE SET attempts = {table}.attempts + 1 " +
        $"RETURNING ({identitySql})::text, pg_is_in_recovery()";

    public string Read => $"SELECT ({identitySql})::text, pg_is_in_recovery()";

    public string SelectIds => $"SELECT id FROM {table} WHERE run_id = $1";

    public string SelectPayloads => $"SELECT id, payload FROM {table} WHERE run_id = $1";

    public string DeleteRun => $"DELETE FROM {table} WHERE run_id = $1";

    public static async ValueTask<ServerAnswer> ReadAnswerAsync(NpgsqlCommand command, bool viaPrimary, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException("the server returned no row");
        }

        return new ServerAnswer(reader.GetString(0), reader.GetBoolean(1), viaPrimary);
    }
}
