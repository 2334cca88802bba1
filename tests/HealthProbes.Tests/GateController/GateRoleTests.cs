using Npgsql;
using Resilience.HealthProbes.Cli;
using Resilience.HealthProbes.GateController;
using Resilience.HealthProbes.Tests.Internal;
using Resilience.Topology;

namespace Resilience.HealthProbes.Tests.GateController;

/// <summary>
/// <c>healthprobes gate-role</c> against real PostgreSQL over verified TLS (the fixture's CA stands in for the RDS CA, a
/// NOLOGIN <c>rds_iam</c> for Aurora's built-in role): it creates the gate's role with only its grants, a second run
/// changes nothing, the role reads and prewarms but cannot write, and a role with more power is refused.
/// </summary>
[Collection(GatePgCollection.Name)]
public sealed class GateRoleTests(GatePgCluster pg)
{
    private static string Staging => Path.Combine(RepositoryLocator.FindAbove(AppContext.BaseDirectory, RepositoryLocator.SolutionFile)!, "Pulumi.staging.yaml");

    [Fact]
    public async Task TheRoleIsCreatedOnceWithOnlyWhatTheGateNeedsAndCannotWrite()
    {
        await pg.ExecuteAsync(pg.Primary, $"DROP ROLE IF EXISTS {GateRole.Name}; DROP ROLE IF EXISTS {GateRole.IamRole}");
        var (code, _, error) = await GateRoleAsync(pg.CaFile);
        Assert.Equal(HealthProbesCommand.FailureExitCode, code);
        Assert.Equal($"healthprobes gate-role: 127.0.0.1:{pg.Primary.Port}: no role rds_iam: this is not Aurora (or RDS) PostgreSQL, whose IAM database auth the gate logs in with; give the cluster's writer endpoint", error.TrimEnd());

        await pg.ExecuteAsync(pg.Primary, $"CREATE ROLE {GateRole.IamRole} NOLOGIN");
        (code, var output, error) = await GateRoleAsync(pg.CaFile);
        Assert.True(code == 0, error);
        Assert.Equal(
            [
                "resilience_gate: created (LOGIN, no password: IAM database auth only)",
                "resilience_gate: granted pg_monitor, pg_read_all_data, rds_iam",
                "app: pg_prewarm already installed",
            ],
            Lines(output));
        Assert.Equal(["pg_monitor", "pg_read_all_data", "rds_iam"], await MembershipsAsync());
        Assert.Equal("f f f f f t", await pg.ScalarAsync(pg.Primary,
            $"SELECT concat_ws(' ', rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls, rolcanlogin) FROM pg_roles WHERE rolname = '{GateRole.Name}'") as string);

        // Idempotent: nothing changes, and it says so.
        (code, output, _) = await GateRoleAsync(pg.CaFile);
        Assert.Equal(0, code);
        Assert.Equal(["resilience_gate: present", "resilience_gate: already in pg_monitor, pg_read_all_data, rds_iam", "app: pg_prewarm already installed"], Lines(output));

        // Least privilege: it reads and prewarms (the gate's work), it cannot write. (A password only so the test can log in: on Aurora the role has IAM tokens.)
        await pg.ExecuteAsync(pg.Primary, $"ALTER ROLE {GateRole.Name} PASSWORD '{pg.Password}'");
        await WaitRoleOnReplicaAsync();
        await using (var connection = await OpenAsGateAsync(pg.Replicas[0]))
        {
            Assert.True(Convert.ToInt64(await ScalarAsync(connection, "SELECT count(*) FROM public.data"), System.Globalization.CultureInfo.InvariantCulture) > 0);
            Assert.True(Convert.ToInt64(await ScalarAsync(connection, "SELECT public.pg_prewarm('public.data')"), System.Globalization.CultureInfo.InvariantCulture) > 0);
        }

        await using (var connection = await OpenAsGateAsync(pg.Primary))
        {
            foreach (var write in new[] { "INSERT INTO public.writes DEFAULT VALUES", "DELETE FROM public.data WHERE id = 1", "CREATE TABLE public.gate_was_here (id int)" })
            {
                var refused = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync(connection, write));
                Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
            }
        }

        // A role of that name with more power is refused, not trusted.
        await pg.ExecuteAsync(pg.Primary, $"ALTER ROLE {GateRole.Name} CREATEDB CREATEROLE");
        (code, _, error) = await GateRoleAsync(pg.CaFile);
        Assert.Equal(HealthProbesCommand.FailureExitCode, code);
        Assert.EndsWith("role resilience_gate exists with CREATEROLE, CREATEDB, more than the gate may have: ALTER ROLE resilience_gate NOCREATEROLE NOCREATEDB (or drop it), then run again", error.TrimEnd(), StringComparison.Ordinal);
        await pg.ExecuteAsync(pg.Primary, $"ALTER ROLE {GateRole.Name} NOCREATEDB NOCREATEROLE");
    }

    [Fact]
    public async Task TlsIsVerifiedAgainstTheGivenCaAndAnotherCaIsRefusedInOneLine()
    {
        await pg.ExecuteAsync(pg.Primary, $"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{GateRole.IamRole}') THEN CREATE ROLE {GateRole.IamRole} NOLOGIN; END IF; END $$");
        var (code, _, error) = await GateRoleAsync(pg.OtherCaFile);
        Assert.Equal(HealthProbesCommand.FailureExitCode, code);
        Assert.StartsWith($"healthprobes gate-role: 127.0.0.1:{pg.Primary.Port}: ", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains("certificate", error, StringComparison.OrdinalIgnoreCase);

        (code, _, error) = await GateRoleAsync(pg.CaFile);
        Assert.True(code == 0, error);
    }

    private async Task<(int Code, string Output, string Error)> GateRoleAsync(string caFile)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await HealthProbesCommand.RunAsync(
            ["gate-role", "--stack-file", Staging, "--pg-host", "127.0.0.1", "--pg-port", $"{pg.Primary.Port}", "--pg-user", PgTestCluster.User, "--pg-password-file", pg.PasswordFile, "--pg-ca-file", caFile],
            _ => null,
            error,
            output);
        return (code, output.ToString(), error.ToString());
    }

    private static List<string> Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private async Task<List<string>> MembershipsAsync()
    {
        var text = await pg.ScalarAsync(pg.Primary, $"""
            SELECT string_agg(r.rolname, ' ' ORDER BY r.rolname) FROM pg_auth_members m
            JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles g ON g.oid = m.member WHERE g.rolname = '{GateRole.Name}'
            """) as string;
        return [.. (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)];
    }

    // Until the replica has replayed everything the primary wrote so far: a role of the same name left by another test,
    // whose DROP the replica had not replayed yet, once passed a check of the name alone (CI: "permission denied").
    // The insert position, not pg_current_wal_lsn(): the fixture runs with synchronous_commit off, so the ALTER ROLE's
    // commit record may not be written yet when it returns, and a replica at the write position still had the role
    // without its password (CI: "password authentication failed").
    private async Task WaitRoleOnReplicaAsync()
    {
        var written = await pg.ScalarAsync(pg.Primary, "SELECT pg_current_wal_insert_lsn()::text") as string;
        await Poll.UntilAsync(
            async () => await pg.ScalarAsync(pg.Replicas[0], $"SELECT pg_last_wal_replay_lsn() >= '{written}'::pg_lsn") is true,
            Timeouts.GateOpens,
            $"{GateRole.Name} on the replica");
    }

    private async Task<NpgsqlConnection> OpenAsGateAsync(PgServer server)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(pg.ConnectionString(server)) { Username = GateRole.Name }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
