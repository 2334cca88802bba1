using Resilience.ChaosSuite.Scenarios.TableCorruption;

namespace Resilience.ChaosSuite.Tests.Scenarios.TableCorruption;

/// <summary>The repair's rule as SQL (the rule itself runs against real PostgreSQL in TableCorruptionIntegrationTests).</summary>
public class TableMergeTests
{
    private static readonly TableShape Ledger = new("chaos_ledger", ["run_id", "id", "attempts", "written_at", "payload"], ["run_id", "id"]);

    [Fact]
    public void The_copy_wins_only_where_a_row_differs_and_rows_it_does_not_hold_are_left_alone()
    {
        var sql = TableMerge.Merge(Ledger);

        Assert.Contains("INSERT INTO \"chaos_ledger\" AS live (\"run_id\", \"id\", \"attempts\", \"written_at\", \"payload\") SELECT", sql, StringComparison.Ordinal);
        Assert.Contains("ON CONFLICT (\"run_id\", \"id\") DO UPDATE SET \"attempts\" = EXCLUDED.\"attempts\", \"written_at\" = EXCLUDED.\"written_at\", \"payload\" = EXCLUDED.\"payload\"", sql, StringComparison.Ordinal);
        Assert.Contains("WHERE ROW(live.\"attempts\", live.\"written_at\", live.\"payload\") IS DISTINCT FROM ROW(EXCLUDED.\"attempts\", EXCLUDED.\"written_at\", EXCLUDED.\"payload\")", sql, StringComparison.Ordinal);
        Assert.Contains("WHERE NOT EXISTS (SELECT 1 FROM drill_restored_rows r WHERE r.\"run_id\" = live.\"run_id\" AND r.\"id\" = live.\"id\")", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("DELETE", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_of_keys_only_gets_its_deleted_rows_back_and_nothing_else()
    {
        var sql = TableMerge.Merge(new TableShape("tags", ["name"], ["name"]));

        Assert.Contains("ON CONFLICT (\"name\") DO NOTHING", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_without_a_primary_key_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => TableMerge.Merge(new TableShape("log", ["line"], [])));

        Assert.StartsWith("table log has no primary key", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Identifiers_are_quoted_and_schemas_kept()
    {
        Assert.Equal("\"a\"\"b\"", TableMerge.Quote("a\"b"));
        Assert.Equal("COPY \"app\".\"t\" (\"id\") TO STDOUT (FORMAT binary)", TableMerge.CopyOut(new TableShape("app.t", ["id"], ["id"])));
        Assert.Equal("COPY drill_restored_rows (\"id\") FROM STDIN (FORMAT binary)", TableMerge.CopyIn(new TableShape("app.t", ["id"], ["id"])));
    }

    [Theory]
    [InlineData(nameof(CorruptionVariant.Overwrite), "UPDATE chaos_ledger SET payload = 'corrupted' FROM chaos_ledger AS before WHERE chaos_ledger.run_id = $1 AND chaos_ledger.id % 100 < $2 "
        + "AND before.run_id = chaos_ledger.run_id AND before.id = chaos_ledger.id RETURNING chaos_ledger.id, to_jsonb(before)::text")]
    [InlineData(nameof(CorruptionVariant.Delete), "DELETE FROM chaos_ledger WHERE run_id = $1 AND id % 100 < $2 RETURNING id, to_jsonb(chaos_ledger)::text")]
    public void The_bad_statement_hits_only_this_run_s_rows(string variant, string sql) =>
        Assert.Equal(sql, BadStatement.Sql("chaos_ledger", Enum.Parse<CorruptionVariant>(variant)));

    [Fact]
    public void The_rollback_puts_back_only_rows_still_missing_or_still_corrupted() =>
        Assert.Equal(
            "INSERT INTO chaos_ledger AS live SELECT * FROM jsonb_populate_recordset(NULL::chaos_ledger, $1::jsonb) "
            + "ON CONFLICT (run_id, id) DO UPDATE SET payload = EXCLUDED.payload WHERE live.payload = 'corrupted'",
            CorruptionUndo.Sql("chaos_ledger"));

    [Theory]
    [InlineData(0.2, 20)]
    [InlineData(0.001, 1)]
    [InlineData(1.0, 100)]
    public void The_share_is_a_percentage_of_ids(double share, int percent) => Assert.Equal(percent, BadStatement.Percent(share));
}
