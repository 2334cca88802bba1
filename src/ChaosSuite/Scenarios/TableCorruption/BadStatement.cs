using System.Globalization;
using Npgsql;

namespace Resilience.ChaosSuite.Scenarios.TableCorruption;

/// <summary>What the bad statement hit, and the last moment before it.</summary>
/// <param name="Ids">The ids of the rows it overwrote or deleted (its own RETURNING: the truth of the fault, not of the repair).</param>
/// <param name="PreImage">
/// Those rows as they were before the statement, a JSON array of rows (its own RETURNING too). Only the rollback
/// uses it (<see cref="CorruptionUndo"/>), so that an interrupted drill leaves nothing injected; the drill's repair
/// comes from the backups alone.
/// </param>
/// <param name="Before">
/// The server's clock inside the bad transaction, after its statement and before its commit: every transaction
/// the statement could see committed before it, and the bad one commits after it, so a recovery to this time is
/// the point just before the fault.
/// </param>
internal sealed record Corruption(IReadOnlyList<long> Ids, string PreImage, DateTimeOffset Before);

/// <summary>The application's bad statement: one transaction through the write endpoint that corrupts a share of this run's rows.</summary>
internal static class BadStatement
{
    /// <summary>
    /// The statement of <paramref name="variant"/> on <paramref name="table"/>; $1 is the run, $2 the percentage of ids
    /// hit. It returns each row's id and the row as it was before (an UPDATE returns new values, so the overwrite
    /// joins the table to itself to see the old ones).
    /// </summary>
    public static string Sql(string table, CorruptionVariant variant) => variant switch
    {
        CorruptionVariant.Overwrite =>
            $"UPDATE {table} SET payload = '{TableCorruptionConstants.CorruptedValue}' FROM {table} AS before " +
            $"WHERE {table}.run_id = $1 AND {table}.id % 100 < $2 AND before.run_id = {table}.run_id AND before.id = {table}.id " +
            $"RETURNING {table}.id, to_jsonb(before)::text",
        CorruptionVariant.Delete => $"DELETE FROM {table} WHERE run_id = $1 AND id % 100 < $2 RETURNING id, to_jsonb({table})::text",
        _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, "unknown variant"),
    };

    /// <summary>The percentage of ids a share hits (at least 1).</summary>
    public static int Percent(double share) => Math.Clamp((int)Math.Round(share * 100, MidpointRounding.AwayFromZero), 1, 100);

    /// <summary>Runs the statement and returns what it hit and the time just before it committed.</summary>
    public static async Task<Corruption> RunAsync(NpgsqlDataSource source, string table, Guid runId, CorruptionVariant variant, double share, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = new List<long>();
        var rows = new List<string>();
        await using (var command = new NpgsqlCommand(Sql(table, variant), connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = runId });
            command.Parameters.Add(new NpgsqlParameter { Value = Percent(share) });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids.Add(reader.GetInt64(0));
                rows.Add(reader.GetString(1));
            }
        }

        DateTimeOffset before;
        await using (var command = new NpgsqlCommand("SELECT clock_timestamp()", connection, transaction))
        {
            var at = (DateTime)(await command.ExecuteScalarAsync(cancellationToken))!;
            before = new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc));
        }

        await transaction.CommitAsync(cancellationToken);
        return new Corruption(ids, "[" + string.Join(',', rows) + "]", before);
    }

    /// <summary>How the fault reads in reports.</summary>
    public static string Describe(CorruptionVariant variant, double share, string table, int hit) => string.Create(CultureInfo.InvariantCulture,
        $"bad statement {(variant == CorruptionVariant.Overwrite ? "overwrote the payload column of" : "deleted")} {hit} rows ({share:P0} of this run's) of table {table}");
}
