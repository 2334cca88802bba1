using System.Globalization;
using Resilience.HealthProbes.Tests.Internal;

namespace Resilience.HealthProbes.Tests.GateController;

/// <summary>The gate controller's tests that share <see cref="GatePgCluster"/>: one after another, each restoring what it broke.</summary>
[CollectionDefinition(Name)]
public sealed class GatePgCollection : ICollectionFixture<GatePgCluster>
{
    public const string Name = "PostgreSQL primary and two replicas behind the platform stand-ins";
}

/// <summary>
/// Real PostgreSQL behind the gate controller's platform stand-ins: a primary and two streaming replicas on the gate
/// tests' ports. As Aurora instances (<see cref="PlayInstancesAsync"/>) they answer Aurora's two SQL functions the controller calls. <c>aurora_db_instance_identifier()</c>
/// answers the instance a server plays (a replicated table of ports, read with <c>inet_server_port()</c>), and
/// <c>aurora_replica_status()</c> returns the server's own row with the columns the controller reads, its
/// <c>replica_lag_in_msec</c> computed from the replica's real replay state (0 when it replayed all it received, else the
/// age of its last replayed commit), so lag reading runs against real replication.
/// </summary>
/// <remarks>The servers offer TLS with a certificate for 127.0.0.1 from a test CA (<see cref="CaFile"/>), as Aurora offers one from the RDS CA.</remarks>
public sealed class GatePgCluster() : PgTestCluster(TestPorts.Gate.Next, replicas: 2)
{
    /// <summary>The CA that signed the servers' certificate.</summary>
    public string CaFile => Path.Combine(Root, "tls", "ca.pem");

    /// <summary>A CA that signed nothing here.</summary>
    public string OtherCaFile => Path.Combine(Root, "tls", "another-ca.pem");

    private const string Functions = """
        CREATE TABLE IF NOT EXISTS aurora_standin_instance (port int PRIMARY KEY, identifier text NOT NULL);
        CREATE OR REPLACE FUNCTION aurora_db_instance_identifier() RETURNS text LANGUAGE sql STABLE AS
          $$ SELECT identifier FROM aurora_standin_instance WHERE port = inet_server_port() $$;
        CREATE OR REPLACE FUNCTION aurora_replica_status() RETURNS TABLE (server_id text, session_id text, replica_lag_in_msec float8) LANGUAGE sql STABLE AS $$
          SELECT aurora_db_instance_identifier(),
                 CASE WHEN pg_is_in_recovery() THEN 'standin-' || inet_server_port() ELSE 'MASTER_SESSION_ID' END,
                 CASE WHEN NOT pg_is_in_recovery() THEN NULL
                      WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                      ELSE 1000 * extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) END::float8
        $$;
        """;

    protected override async Task<string> ExtraServerSettingsAsync()
    {
        var (_, _, certificate, key) = TestCertificates.Write(Path.Combine(Root, "tls"));
        await ChownAsync(Path.Combine(Root, "tls"));
        return $"\nssl = on\nssl_cert_file = '{certificate}'\nssl_key_file = '{key}'\n";
    }

    /// <summary>Names the servers as Aurora instances (writer first, then the replicas in order) and waits until every replica answers with its name.</summary>
    public async Task PlayInstancesAsync(string writer, params string[] readers)
    {
        var rows = new[] { (Primary.Port, writer) }.Concat(Replicas.Zip(readers, (r, id) => (r.Port, id)))
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"({p.Item1}, '{p.Item2}')"));
        await ExecuteAsync(Primary, Functions + $"INSERT INTO aurora_standin_instance VALUES {string.Join(", ", rows)} ON CONFLICT (port) DO UPDATE SET identifier = excluded.identifier;");
        foreach (var (replica, id) in Replicas.Zip(readers))
        {
            await Poll.UntilAsync(async () => await ScalarAsync(replica, "SELECT aurora_db_instance_identifier()") as string == id, Timeouts.GateOpens, $"{replica.Name} answers as {id}");
        }
    }
}
