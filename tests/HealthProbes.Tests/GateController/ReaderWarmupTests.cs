using System.Globalization;
using Resilience.HealthProbes.GateController;
using Resilience.HealthProbes.Tests.Internal;
using Resilience.HealthProbes.Warmup;
using Resilience.Topology;
using MonotonicClock = Resilience.Topology.Time.MonotonicClock;

namespace Resilience.HealthProbes.Tests.GateController;

/// <summary>
/// The gate controller's warm-up of a remote reader against real PostgreSQL, in a database where pg_prewarm is not
/// installed (the tables are read by TID ranges into shared buffers) and then where it is (pg_prewarm of tables and
/// indexes). pg_buffercache on the replica, restarted before each warm-up so its cache starts cold, shows what was read.
/// </summary>
[Collection(GatePgCollection.Name)]
public sealed class ReaderWarmupTests(GatePgCluster pg)
{
    private const string Database = "noprewarm";
    private static readonly WarmupPolicy Policy = new(["public.orders"], [Database], false, MaxReplayLagSeconds: 1, MinWarmSeconds: 2, LagGraceSeconds: 1, IoRateMbPerSecond: 0);

    [Fact]
    public async Task WithoutPgPrewarmTheTablesAreReadIntoSharedBuffersAndWithItTablesAndIndexesArePrewarmed()
    {
        var replica = pg.Replicas[0];
        await pg.ExecuteAsync(pg.Primary, $"DROP DATABASE IF EXISTS {Database}", "postgres");
        await pg.ExecuteAsync(pg.Primary, $"CREATE DATABASE {Database}", "postgres");
        await pg.ExecuteAsync(pg.Primary, """
            CREATE EXTENSION pg_buffercache;
            CREATE TABLE public.orders (id bigint PRIMARY KEY, note text NOT NULL);
            INSERT INTO public.orders SELECT g, repeat(md5(g::text), 4) FROM generate_series(1, 40000) g;
            CHECKPOINT;
            """, Database);

        // Without the extension: the table is read block range by block range, by a TID range scan (no ring buffer).
        await ColdRestartAsync(replica, "pg_buffercache");
        var tableBlocks = await BlocksAsync(replica, "public.orders");
        Assert.True(await CachedAsync(replica, "public.orders") < tableBlocks / 10, "the restarted replica's cache starts cold");
        var explain = (string)(await pg.ScalarAsync(replica, "EXPLAIN (FORMAT JSON) " + RelationRead.ChunkSql("public.orders", 0, 511), Database))!;
        Assert.Contains("Tid Range Scan", explain, StringComparison.Ordinal);
        var planned = new List<string>();
        var method = await WarmUpAsync(replica, planned);
        Assert.StartsWith("reading the tables of noprewarm block by block", method, StringComparison.Ordinal);
        Assert.Equal([method], planned);
        Assert.Equal(tableBlocks, await CachedAsync(replica, "public.orders"));

        // With it: pg_prewarm, which reads the index too.
        await pg.ExecuteAsync(pg.Primary, "CREATE EXTENSION pg_prewarm", Database);
        await ColdRestartAsync(replica, "pg_prewarm");
        Assert.True(await CachedAsync(replica, "public.orders_pkey") < await BlocksAsync(replica, "public.orders_pkey") / 10, "cold again");
        Assert.Equal("pg_prewarm", await WarmUpAsync(replica, []));
        Assert.Equal(tableBlocks, await CachedAsync(replica, "public.orders"));
        Assert.Equal(await BlocksAsync(replica, "public.orders_pkey"), await CachedAsync(replica, "public.orders_pkey"));
    }

    private async Task<string> WarmUpAsync(PgServer replica, List<string> planned)
    {
        await using var database = new StreamingReaderDatabase(
            new ReaderLogin(PgTestCluster.Database, PgTestCluster.User, pg.Password, null), TimeSpan.FromSeconds(5), new MonotonicClock(TimeProvider.System));
        var reader = new ReaderCandidate("replica", "127.0.0.1", replica.Port, true, "available", null, "readers");
        return await database.WarmUpAsync(reader, Policy, planned.Add, CancellationToken.None);
    }

    // Caught up first (replay after the restart would load the blocks again), then restarted: shared buffers start empty.
    // The insert position: with the fixture's synchronous_commit off, the write position can trail the last commit.
    private async Task ColdRestartAsync(PgServer replica, string extension)
    {
        var written = (string)(await pg.ScalarAsync(pg.Primary, "SELECT pg_current_wal_insert_lsn()::text"))!;
        await Poll.UntilAsync(
            async () => await pg.ScalarAsync(replica, $"SELECT pg_last_wal_replay_lsn() >= '{written}'::pg_lsn", "postgres") is true,
            Timeouts.GateOpens,
            $"{replica.Name} replayed up to {written}");
        await replica.StopAsync();
        await pg.StartAsync(replica);
        await pg.WaitStreamingAsync();
        await Poll.UntilAsync(
            async () => await pg.ScalarAsync(replica, $"SELECT count(*) FROM pg_extension WHERE extname = '{extension}'", Database) is 1L,
            Timeouts.GateOpens,
            $"{extension} on {replica.Name}");
    }

    private async Task<long> BlocksAsync(PgServer server, string relation) =>
        (long)(await pg.ScalarAsync(server, $"SELECT pg_relation_size('{relation}') / current_setting('block_size')::int", Database))!;

    private async Task<long> CachedAsync(PgServer server, string relation) => Convert.ToInt64(
        await pg.ScalarAsync(server, $"""
            SELECT count(*) FROM pg_buffercache
            WHERE reldatabase = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND relfilenode = pg_relation_filenode('{relation}') AND relforknumber = 0
            """, Database),
        CultureInfo.InvariantCulture);
}
