using Npgsql;
using Resilience.HealthProbes.Internal;
using Resilience.Topology;

namespace Resilience.HealthProbes.Warmup;

/// <summary>Lists what a warm-up reads: the policy's relations (largest first for <c>all</c>) and, for a full storage read, the data files.</summary>
internal sealed class WarmupPlanner
{
    // Every permanent user relation with storage: tables, indexes, TOAST, materialized views. OIDs below 16384
    // (FirstNormalObjectId) are the system catalogs and their TOAST tables, which live in pg_toast too.
    private const string AllRelationsSql = """
        SELECT c.oid, c.oid::regclass::text, pg_relation_size(c.oid), c.relkind = 'i'
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'i', 't', 'm') AND c.relpersistence = 'p' AND c.oid >= 16384
          AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_toast_temp' AND n.nspname !~ '^pg_temp'
        ORDER BY 3 DESC, 2
        """;

    // One listed relation with its partitions (pg_partition_tree is empty for a plain table), indexes and TOAST: tables first, then the rest largest first.
    private const string ListedRelationSql = """
        WITH tree AS (SELECT $1::bigint::oid AS relid UNION SELECT relid FROM pg_partition_tree($1::bigint::oid)),
             toast AS (SELECT reltoastrelid AS relid FROM pg_class WHERE oid IN (SELECT relid FROM tree) AND reltoastrelid <> 0),
             rels AS (SELECT relid FROM tree UNION SELECT relid FROM toast
                      UNION SELECT indexrelid FROM pg_index WHERE indrelid IN (SELECT relid FROM tree UNION SELECT relid FROM toast))
        SELECT c.oid, c.oid::regclass::text, pg_relation_size(c.oid), c.relkind = 'i'
        FROM pg_class c JOIN rels ON rels.relid = c.oid
        WHERE c.relkind IN ('r', 'i', 't', 'm') AND c.relpersistence = 'p'
        ORDER BY (c.relkind IN ('r', 'm')) DESC, 3 DESC, 2
        """;

    private const string PrewarmSchemaSql = "SELECT quote_ident(n.nspname) FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_prewarm'";

    private readonly PgConnections _pg;
    private readonly string? _dataDirectory;
    private readonly bool _readWithoutPrewarm;

    /// <param name="pg">The member's connections.</param>
    /// <param name="dataDirectory">The data directory a full storage read lists, or null: the server's.</param>
    /// <param name="readWithoutPrewarm">
    /// Where pg_prewarm is not installed, read the tables by SQL (<see cref="RelationRead"/>) instead of failing: the gate
    /// controller's choice, which cannot install it on a reader. A local member fails instead, so its operator installs it.
    /// </param>
    public WarmupPlanner(PgConnections pg, string? dataDirectory, bool readWithoutPrewarm = false)
    {
        _pg = pg;
        _dataDirectory = dataDirectory;
        _readWithoutPrewarm = readWithoutPrewarm;
    }

    public async Task<WarmupPlan> PlanAsync(WarmupPolicy policy, CancellationToken token)
    {
        var files = policy.FullStorageRead ? await DataFilesAsync(token).ConfigureAwait(false) : [];
        var relations = new List<PlannedRelation>();
        var skipped = new List<string>();
        var read = new List<string>();
        foreach (var database in policy.Databases)
        {
            await using var connection = await _pg.For(database).OpenConnectionAsync(token).ConfigureAwait(false);
            var found = policy.Relations is null
                ? await QueryRelationsAsync(connection, AllRelationsSql, null, token).ConfigureAwait(false)
                : await ListedAsync(connection, database, policy.Relations, skipped, token).ConfigureAwait(false);
            if (found.Count == 0)
            {
                continue;
            }

            if (await ScalarAsync(connection, PrewarmSchemaSql, token).ConfigureAwait(false) is { } schema)
            {
                relations.AddRange(found.Select(r => new PlannedRelation(database, r.Oid, r.Name, r.Bytes, $"{schema}.pg_prewarm")));
                continue;
            }

            await EnsureReadableAsync(connection, database, token).ConfigureAwait(false);
            read.Add(database);
            foreach (var relation in found)
            {
                if (relation.IsIndex)
                {
                    skipped.Add($"{database}: {relation.Name} (an index: only pg_prewarm reads it)");
                }
                else
                {
                    relations.Add(new PlannedRelation(database, relation.Oid, relation.Name, relation.Bytes, PrewarmFunction: null));
                }
            }
        }

        return new WarmupPlan(files, relations, skipped, read);
    }

    // Without pg_prewarm: fail (a local member) or read the tables, where the server can read them by block ranges.
    private async Task EnsureReadableAsync(NpgsqlConnection connection, string database, CancellationToken token)
    {
        var missing = $"pg_prewarm is not installed in database '{database}'";
        if (!_readWithoutPrewarm)
        {
            throw new WarmupException($"{missing}: run CREATE EXTENSION pg_prewarm on the primary");
        }

        await using var command = new NpgsqlCommand("SELECT current_setting('server_version_num')::int", connection);
        if ((int)(await command.ExecuteScalarAsync(token).ConfigureAwait(false))! < RelationRead.MinimumServerVersion)
        {
            throw new WarmupException($"{missing}, and before PostgreSQL 14 its tables cannot be read by block ranges: run CREATE EXTENSION pg_prewarm on the primary");
        }
    }

    private static async Task<List<(uint Oid, string Name, long Bytes, bool IsIndex)>> ListedAsync(
        NpgsqlConnection connection, string database, IReadOnlyList<string> names, List<string> skipped, CancellationToken token)
    {
        var result = new List<(uint Oid, string Name, long Bytes, bool IsIndex)>();
        foreach (var name in names)
        {
            await using var lookup = new NpgsqlCommand("SELECT to_regclass($1)::oid::bigint", connection) { Parameters = { new() { Value = name } } };
            if (await lookup.ExecuteScalarAsync(token).ConfigureAwait(false) is not long oid)
            {
                // A dropped table must not keep the read pool empty forever: it is reported and skipped.
                skipped.Add($"{database}: {name} (no such relation)");
                continue;
            }

            var rows = await QueryRelationsAsync(connection, ListedRelationSql, oid, token).ConfigureAwait(false);
            result.AddRange(rows.Where(r => result.All(seen => seen.Oid != r.Oid)));
        }

        return result;
    }

    private static async Task<List<(uint Oid, string Name, long Bytes, bool IsIndex)>> QueryRelationsAsync(
        NpgsqlConnection connection, string sql, long? parameter, CancellationToken token)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (parameter is { } p)
        {
            command.Parameters.Add(new() { Value = p });
        }

        var rows = new List<(uint, string, long, bool)>();
        await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
        while (await reader.ReadAsync(token).ConfigureAwait(false))
        {
            rows.Add((reader.GetFieldValue<uint>(0), reader.GetString(1), reader.GetInt64(2), reader.GetBoolean(3)));
        }

        return rows;
    }

    private async Task<List<PlannedFile>> DataFilesAsync(CancellationToken token)
    {
        var directory = _dataDirectory;
        if (directory is null)
        {
            await using var connection = await _pg.Probe.OpenConnectionAsync(token).ConfigureAwait(false);
            try
            {
                directory = await ScalarAsync(connection, "SELECT current_setting('data_directory')", token).ConfigureAwait(false);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                throw new WarmupException("full storage read: the role cannot read data_directory; give --data-dir or grant pg_read_all_settings");
            }
        }

        try
        {
            return [.. new[] { "global", "base" }
                .Select(sub => Path.Combine(directory!, sub))
                .Where(Directory.Exists)
                .SelectMany(sub => Directory.EnumerateFiles(sub, "*", SearchOption.AllDirectories))
                .Order(StringComparer.Ordinal)
                .Select(path => new FileInfo(path))
                .Where(file => file.Exists)
                .Select(file => new PlannedFile(file.FullName, file.Length))];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WarmupException($"full storage read: cannot list {directory}: {Errors.OneLine(e)} (run HealthProbes as the database's OS user, or give --data-dir)");
        }
    }

    private static async Task<string?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken token)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(token).ConfigureAwait(false) as string;
    }
}
