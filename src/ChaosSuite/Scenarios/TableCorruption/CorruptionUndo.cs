using Npgsql;

namespace Resilience.ChaosSuite.Scenarios.TableCorruption;

/// <summary>What the rollback put back, and how many of the rows the bad statement hit are still not as they were.</summary>
internal sealed record UndoCounts(int PutBack, long StillWrong);

/// <summary>
/// The rollback of the bad statement when the drill did not repair the table (Ctrl-C, SIGTERM, a safety stop, a
/// failed restore): the rows it hit are put back from the pre-image its own RETURNING gave, so nothing is left
/// injected. It never stands in for the repair the drill measures, which comes from the backups alone. Idempotent
/// and harmless after a repair: a row is only put back where it is still missing or still holds the corrupted value,
/// so a write made since is never overwritten.
/// </summary>
internal static class CorruptionUndo
{
    /// <summary>The statement on the workload's ledger <paramref name="table"/>; $1 is the pre-image (a JSON array of rows).</summary>
    public static string Sql(string table) =>
        $"INSERT INTO {table} AS live SELECT * FROM jsonb_populate_recordset(NULL::{table}, $1::jsonb) " +
        $"ON CONFLICT (run_id, id) DO UPDATE SET payload = EXCLUDED.payload WHERE live.payload = '{TableCorruptionConstants.CorruptedValue}'";

    /// <summary>Counts the rows of the pre-image $1 that <paramref name="table"/> lacks or holds with another payload.</summary>
    public static string CheckSql(string table) =>
        $"SELECT count(*) FROM jsonb_populate_recordset(NULL::{table}, $1::jsonb) AS before " +
        $"LEFT JOIN {table} AS live ON live.run_id = before.run_id AND live.id = before.id " +
        "WHERE live.id IS NULL OR live.payload IS DISTINCT FROM before.payload";

    /// <summary>Puts back the rows <paramref name="corruption"/> hit that are still wrong, then checks them all.</summary>
    public static async Task<UndoCounts> RunAsync(NpgsqlDataSource live, string table, Corruption corruption, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(corruption);
        int putBack;
        await using (var command = live.CreateCommand(Sql(table)))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = corruption.PreImage });
            putBack = await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var check = live.CreateCommand(CheckSql(table));
        check.Parameters.Add(new NpgsqlParameter { Value = corruption.PreImage });
        return new UndoCounts(putBack, (long)(await check.ExecuteScalarAsync(cancellationToken))!);
    }
}
