using Npgsql;

namespace Resilience.ChaosSuite.Scenarios.TableCorruption;

/// <summary>What the repair did, by its own account (the ledger judges it separately).</summary>
/// <param name="Reinserted">Rows the copy held and the live table had lost.</param>
/// <param name="Overwritten">Rows whose live values differed from the copy's.</param>
/// <param name="CopyRows">Rows of the table in the copy.</param>
/// <param name="KeptAfterFault">Live rows the copy did not hold (written after the point restored to), left as they were.</param>
internal sealed record RepairCounts(long Reinserted, long Overwritten, long CopyRows, long KeptAfterFault);

/// <summary>
/// Restores one table from a point-in-time copy into the live database while the application writes on: the
/// copy's rows stream over in binary COPY into a staging table, and one statement merges them (<see cref="TableMerge"/>),
/// in one transaction, so the table is never seen half-repaired.
/// </summary>
internal static class TableRepair
{
    /// <summary>Repairs <paramref name="table"/> of <paramref name="live"/> from the same table in <paramref name="copy"/>.</summary>
    public static async Task<RepairCounts> RunAsync(NpgsqlDataSource copy, NpgsqlDataSource live, string table, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(copy);
        ArgumentNullException.ThrowIfNull(live);
        await using var liveConnection = await live.OpenConnectionAsync(cancellationToken);
        var shape = await ReadShapeAsync(liveConnection, table, cancellationToken);
        await using var copyConnection = await copy.OpenConnectionAsync(cancellationToken);
        await using var transaction = await liveConnection.BeginTransactionAsync(cancellationToken);
        await using (var create = new NpgsqlCommand(TableMerge.CreateStaging(shape), liveConnection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var rows = await copyConnection.BeginRawBinaryCopyAsync(TableMerge.CopyOut(shape), cancellationToken))
        await using (var staging = await liveConnection.BeginRawBinaryCopyAsync(TableMerge.CopyIn(shape), cancellationToken))
        {
            await rows.CopyToAsync(staging, cancellationToken);
        }

        RepairCounts counts;
        await using (var merge = new NpgsqlCommand(TableMerge.Merge(shape), liveConnection, transaction))
        await using (var reader = await merge.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            counts = new RepairCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }

        await transaction.CommitAsync(cancellationToken);
        return counts;
    }

    private static async Task<TableShape> ReadShapeAsync(NpgsqlConnection connection, string table, CancellationToken ct)
    {
        async Task<List<string>> ReadAsync(string sql)
        {
            var names = new List<string>();
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.Add(new NpgsqlParameter { Value = table });
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                names.Add(reader.GetString(0));
            }

            return names;
        }

        return new TableShape(table, await ReadAsync(TableMerge.ColumnsSql), await ReadAsync(TableMerge.KeySql));
    }
}
