using Npgsql;
using Resilience.HealthProbes.Internal;

namespace Resilience.HealthProbes.GateController;

/// <summary>A reason <c>healthprobes gate-role</c> refuses to go on, in one line.</summary>
internal sealed class GateRoleException(string message) : Exception(message);

/// <summary>
/// Makes the gate's Aurora role exist with exactly what it needs (<see cref="GateRole"/>: login, no password, rds_iam and
/// the read-only grants) and pg_prewarm exist in the warm-up's databases, from the master login; every step checks
/// first, so a second run changes nothing and says so. A role of that name with more power (superuser, createrole...) is
/// refused rather than silently trusted; memberships beyond the grants are reported.
/// </summary>
internal sealed class GateRoleBootstrap(PgConnections pg, string database, Action<string> report)
{
    private static readonly (string Column, string Attribute)[] Powers =
    [
        ("rolsuper", "SUPERUSER"), ("rolcreaterole", "CREATEROLE"), ("rolcreatedb", "CREATEDB"), ("rolreplication", "REPLICATION"), ("rolbypassrls", "BYPASSRLS"),
    ];

    public async Task RunAsync(IReadOnlyList<string> warmupDatabases, CancellationToken token)
    {
        await using (var connection = await pg.For(database).OpenConnectionAsync(token).ConfigureAwait(false))
        {
            if (!await RoleExistsAsync(connection, GateRole.IamRole, token).ConfigureAwait(false))
            {
                throw new GateRoleException($"no role {GateRole.IamRole}: this is not Aurora (or RDS) PostgreSQL, whose IAM database auth the gate logs in with; give the cluster's writer endpoint");
            }

            await EnsureRoleAsync(connection, token).ConfigureAwait(false);
            await EnsureGrantsAsync(connection, token).ConfigureAwait(false);
        }

        foreach (var name in warmupDatabases)
        {
            await EnsurePrewarmAsync(name, token).ConfigureAwait(false);
        }
    }

    private async Task EnsureRoleAsync(NpgsqlConnection connection, CancellationToken token)
    {
        var columns = string.Join(", ", Powers.Select(p => p.Column));
        await using var read = new NpgsqlCommand($"SELECT rolcanlogin, {columns} FROM pg_roles WHERE rolname = $1", connection) { Parameters = { new() { Value = GateRole.Name } } };
        bool? canLogin = null;
        var powers = new List<string>();
        await using (var row = await read.ExecuteReaderAsync(token).ConfigureAwait(false))
        {
            if (await row.ReadAsync(token).ConfigureAwait(false))
            {
                canLogin = row.GetBoolean(0);
                powers.AddRange(Powers.Where((_, i) => row.GetBoolean(i + 1)).Select(p => p.Attribute));
            }
        }

        if (canLogin is null)
        {
            // No password: with rds_iam, Aurora accepts only IAM auth tokens for it.
            await ExecuteAsync(connection, $"CREATE ROLE {Quote(GateRole.Name)} LOGIN", token).ConfigureAwait(false);
            report($"{GateRole.Name}: created (LOGIN, no password: IAM database auth only)");
            return;
        }

        if (powers.Count > 0)
        {
            throw new GateRoleException($"role {GateRole.Name} exists with {string.Join(", ", powers)}, more than the gate may have: ALTER ROLE {GateRole.Name} {string.Join(" ", powers.Select(p => "NO" + p))} (or drop it), then run again");
        }

        if (canLogin == false)
        {
            await ExecuteAsync(connection, $"ALTER ROLE {Quote(GateRole.Name)} LOGIN", token).ConfigureAwait(false);
            report($"{GateRole.Name}: present; LOGIN given back");
            return;
        }

        report($"{GateRole.Name}: present");
    }

    private async Task EnsureGrantsAsync(NpgsqlConnection connection, CancellationToken token)
    {
        await using var read = new NpgsqlCommand(
            "SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles g ON g.oid = m.member WHERE g.rolname = $1 ORDER BY 1", connection)
        {
            Parameters = { new() { Value = GateRole.Name } },
        };
        var memberOf = new List<string>();
        await using (var row = await read.ExecuteReaderAsync(token).ConfigureAwait(false))
        {
            while (await row.ReadAsync(token).ConfigureAwait(false))
            {
                memberOf.Add(row.GetString(0));
            }
        }

        var wanted = GateRole.Grants.Append(GateRole.IamRole).ToList();
        var missing = wanted.Except(memberOf, StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            await ExecuteAsync(connection, $"GRANT {string.Join(", ", missing.Select(Quote))} TO {Quote(GateRole.Name)}", token).ConfigureAwait(false);
            report($"{GateRole.Name}: granted {string.Join(", ", missing)}");
        }

        var present = wanted.Except(missing, StringComparer.Ordinal).ToList();
        if (present.Count > 0)
        {
            report($"{GateRole.Name}: already in {string.Join(", ", present)}");
        }

        foreach (var extra in memberOf.Except(wanted, StringComparer.Ordinal))
        {
            report($"warning: {GateRole.Name} is also in {extra}, which the gate does not need: REVOKE {Quote(extra)} FROM {GateRole.Name}");
        }
    }

    // pg_prewarm where the engine offers it; without it the gate reads the tables instead (slower, indexes left out).
    private async Task EnsurePrewarmAsync(string name, CancellationToken token)
    {
        await using var connection = await pg.For(name).OpenConnectionAsync(token).ConfigureAwait(false);
        await using var read = new NpgsqlCommand(
            "SELECT EXISTS (SELECT FROM pg_extension WHERE extname = 'pg_prewarm'), EXISTS (SELECT FROM pg_available_extensions WHERE name = 'pg_prewarm')", connection);
        bool installed, available;
        await using (var row = await read.ExecuteReaderAsync(token).ConfigureAwait(false))
        {
            await row.ReadAsync(token).ConfigureAwait(false);
            (installed, available) = (row.GetBoolean(0), row.GetBoolean(1));
        }

        if (installed)
        {
            report($"{name}: pg_prewarm already installed");
        }
        else if (!available)
        {
            report($"{name}: pg_prewarm is not available on this engine: the gate warms by reading the tables");
        }
        else
        {
            try
            {
                await ExecuteAsync(connection, "CREATE EXTENSION IF NOT EXISTS pg_prewarm", token).ConfigureAwait(false);
                report($"{name}: pg_prewarm installed");
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                report($"warning: {name}: cannot create pg_prewarm ({Errors.OneLine(e)}): the gate warms by reading the tables");
            }
        }
    }

    private static async Task<bool> RoleExistsAsync(NpgsqlConnection connection, string role, CancellationToken token)
    {
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = $1)", connection) { Parameters = { new() { Value = role } } };
        return (bool)(await command.ExecuteScalarAsync(token).ConfigureAwait(false))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken token)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
