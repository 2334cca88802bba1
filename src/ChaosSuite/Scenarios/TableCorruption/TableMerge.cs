namespace Resilience.ChaosSuite.Scenarios.TableCorruption;

/// <summary>A table's columns in order and its primary key, as the repair needs them.</summary>
/// <param name="Table">The table's name as the application spells it.</param>
/// <param name="Columns">Every column, in order.</param>
/// <param name="Key">The primary key's columns.</param>
internal sealed record TableShape(string Table, IReadOnlyList<string> Columns, IReadOnlyList<string> Key)
{
    /// <summary>The columns outside the key: what a corruption can overwrite.</summary>
    public IReadOnlyList<string> Values => [.. Columns.Where(c => !Key.Contains(c, StringComparer.Ordinal))];
}

/// <summary>
/// The rule of the repair, as SQL: the table becomes the point-in-time copy's rows, plus the live rows whose key
/// the copy does not hold (written after the fault, which no bad statement touched). A live row the copy holds
/// takes the copy's values only where they differ (the corrupted ones); a row the copy holds and the live
/// table lost (deleted) comes back. Rows written after the fault are never rewritten.
/// </summary>
internal static class TableMerge
{
    /// <summary>The staging table the copy's rows are loaded into, dropped with the repair's transaction.</summary>
    public const string Staging = "drill_restored_rows";

    /// <summary>A SQL identifier, quoted.</summary>
    public static string Quote(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>Reads the columns (in order) of table $1.</summary>
    public const string ColumnsSql =
        "SELECT attname FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum";

    /// <summary>Reads the primary key's columns of table $1.</summary>
    public const string KeySql =
        "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) " +
        "WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)";

    /// <summary>Creates the staging table with the live table's columns.</summary>
    public static string CreateStaging(TableShape shape) =>
        $"CREATE TEMP TABLE {Staging} (LIKE {Name(shape)}) ON COMMIT DROP";

    /// <summary>The copy's rows out, in PostgreSQL's binary COPY format.</summary>
    public static string CopyOut(TableShape shape) => $"COPY {Name(shape)} ({List(shape.Columns)}) TO STDOUT (FORMAT binary)";

    /// <summary>The same rows into the staging table.</summary>
    public static string CopyIn(TableShape shape) => $"COPY {Staging} ({List(shape.Columns)}) FROM STDIN (FORMAT binary)";

    /// <summary>
    /// The merge: one row of (reinserted, overwritten, rows in the copy, live rows the copy does not hold). Reinserted
    /// rows were deleted by the fault; overwritten ones differed from the copy.
    /// </summary>
    public static string Merge(TableShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (shape.Key.Count == 0)
        {
            throw new ArgumentException($"table {shape.Table} has no primary key: rows written after the fault cannot be told from restored ones", nameof(shape));
        }

        var values = shape.Values;
        var onConflict = values.Count == 0
            ? "DO NOTHING"
            : $"DO UPDATE SET {string.Join(", ", values.Select(c => $"{Quote(c)} = EXCLUDED.{Quote(c)}"))} " +
              $"WHERE ROW({string.Join(", ", values.Select(c => "live." + Quote(c)))}) IS DISTINCT FROM ROW({string.Join(", ", values.Select(c => "EXCLUDED." + Quote(c)))})";
        var keyMatch = string.Join(" AND ", shape.Key.Select(k => $"r.{Quote(k)} = live.{Quote(k)}"));
        return $"WITH merged AS (INSERT INTO {Name(shape)} AS live ({List(shape.Columns)}) SELECT {List(shape.Columns)} FROM {Staging} " +
               $"ON CONFLICT ({List(shape.Key)}) {onConflict} RETURNING (xmax = 0) AS reinserted) " +
               "SELECT (SELECT count(*) FROM merged WHERE reinserted), (SELECT count(*) FROM merged WHERE NOT reinserted), " +
               $"(SELECT count(*) FROM {Staging}), (SELECT count(*) FROM {Name(shape)} live WHERE NOT EXISTS (SELECT 1 FROM {Staging} r WHERE {keyMatch}))";
    }

    private static string Name(TableShape shape) => string.Join('.', shape.Table.Split('.').Select(Quote));

    private static string List(IEnumerable<string> columns) => string.Join(", ", columns.Select(Quote));
}
