using System.Net;
using System.Text.Json;
using Resilience.HealthProbes.Tests.Internal;
using Resilience.HealthProbes.Warmup;

namespace Resilience.HealthProbes.Tests.Integration;

/// <summary>The warm-up on a real replica: what it reads, that completion survives a restart, and that another data directory starts cold.</summary>
[Collection(PgClusterCollection.Name)]
public sealed class WarmupRunTests(PgTestCluster cluster)
{
    [Fact]
    public async Task Completion_survives_a_restart_of_healthprobes_for_the_same_data_directory_only()
    {
        var state = cluster.NewStateDir();
        var policy = ProbeHost.Policy(minWarm: 0.2);
        JsonElement first;
        await using (var host = await ProbeHost.StartAsync(ProbeHost.OptionsFor(cluster.Replica.Port, state, cluster.Password), policy))
        {
            await host.WaitReadyAsync(HttpStatusCode.OK, Timeouts.GateOpens);
            first = (await host.StatusAsync()).GetProperty("warmup");
        }

        Assert.False(first.GetProperty("restored").GetBoolean());
        var identity = first.GetProperty("identity").GetString()!;
        Assert.Matches(@"^system \d+, data directory .+/replica, created \d{4}-\d\d-\d\d ", identity);
        Assert.Contains(cluster.Replica.DataDirectory, identity, StringComparison.Ordinal);

        await using (var again = await ProbeHost.StartAsync(ProbeHost.OptionsFor(cluster.Replica.Port, state, cluster.Password), policy))
        {
            await again.WaitReadyAsync(HttpStatusCode.OK, Timeouts.GateOpens);
            var warmup = (await again.StatusAsync()).GetProperty("warmup");
            Assert.True(warmup.GetProperty("restored").GetBoolean());
            Assert.Equal(first.GetProperty("completedAt").GetDateTimeOffset(), warmup.GetProperty("completedAt").GetDateTimeOffset());
        }

        // The record names another copy of the data (a re-created member in the same place): it warms again.
        var store = new WarmupStateStore(state);
        var record = store.Load()!;
        store.Save(record with { Identity = record.Identity.Replace("created ", "created 1999-", StringComparison.Ordinal) });
        await using var recreated = await ProbeHost.StartAsync(ProbeHost.OptionsFor(cluster.Replica.Port, state, cluster.Password), policy);
        await recreated.WaitReadyAsync(HttpStatusCode.OK, Timeouts.GateOpens);
        Assert.False((await recreated.StatusAsync()).GetProperty("warmup").GetProperty("restored").GetBoolean());
    }

    [Fact]
    public async Task Listed_relations_with_a_full_storage_read_warm_the_table_its_index_and_toast_and_every_data_file()
    {
        var policy = ProbeHost.Policy(minWarm: 0.2, relations: ["public.data", "public.no_such_table"], fullStorageRead: true);
        await using var host = await ProbeHost.StartAsync(ProbeHost.OptionsFor(cluster.Replica.Port, cluster.NewStateDir(), cluster.Password), policy);

        await host.WaitReadyAsync(HttpStatusCode.OK, Timeouts.GateOpens);

        var warmup = (await host.StatusAsync()).GetProperty("warmup");
        Assert.Equal(["app: public.no_such_table (no such relation)"], warmup.GetProperty("skipped").EnumerateArray().Select(s => s.GetString()));
        // public.data, public.data_pkey, and its TOAST table and TOAST index.
        Assert.Equal(4, warmup.GetProperty("relationsTotal").GetInt32());
        var dataFiles = new[] { "base", "global" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(cluster.Replica.DataDirectory, d), "*", SearchOption.AllDirectories))
            .Sum(f => new FileInfo(f).Length);
        Assert.True(warmup.GetProperty("bytesTotal").GetInt64() > dataFiles * 0.9, $"read {warmup.GetProperty("bytesTotal")} bytes; data files hold {dataFiles}");
    }

    [Fact]
    public async Task A_role_with_pg_monitor_and_pg_read_all_data_is_enough()
    {
        await cluster.ExecuteAsync(cluster.Primary, $"""
            DROP ROLE IF EXISTS probe;
            CREATE ROLE probe LOGIN PASSWORD '{cluster.Password}' IN ROLE pg_monitor, pg_read_all_data;
            """, "postgres");
        var options = ProbeHost.OptionsFor(cluster.Replica.Port, cluster.NewStateDir(), cluster.Password);
        options = new HealthProbesOptions
        {
            StackFile = options.StackFile, Group = options.Group, PgPort = options.PgPort, PgDatabase = options.PgDatabase, PgUser = "probe",
            PgPassword = options.PgPassword, Listen = options.Listen, StateDir = options.StateDir, PollInterval = options.PollInterval,
        };
        await using var host = await ProbeHost.StartAsync(options, ProbeHost.Policy(minWarm: 0.2));

        await host.WaitReadyAsync(HttpStatusCode.OK, Timeouts.GateOpens);

        var status = await host.StatusAsync();
        Assert.Equal($"127.0.0.1:{cluster.Primary.Port}", status.GetProperty("streaming").GetProperty("sender").GetString());
        // data, data_pkey, data's TOAST table and index, writes, writes_pkey: user relations only, no catalogs.
        Assert.Equal(6, status.GetProperty("warmup").GetProperty("relationsTotal").GetInt32());
        // Without superuser the creation time of PG_VERSION is hidden; the state directory is per member anyway.
        Assert.Matches(@"^system \d+, data directory .+/replica, created \?$", status.GetProperty("warmup").GetProperty("identity").GetString());
    }

    [Fact]
    public async Task A_database_without_pg_prewarm_keeps_the_gate_closed_and_says_what_to_do()
    {
        await cluster.ExecuteAsync(cluster.Primary, "CREATE DATABASE noprewarm", "postgres");
        try
        {
            await cluster.ExecuteAsync(cluster.Primary, "CREATE TABLE t AS SELECT g FROM generate_series(1, 1000) g", "noprewarm");
            await Poll.UntilAsync(
                async () => await cluster.ScalarAsync(cluster.Replica, "SELECT count(*) FROM t", "noprewarm") is 1000L, Timeouts.GateOpens, "table t on the replica");
            var policy = ProbeHost.Policy(minWarm: 0.2) with { Databases = ["noprewarm"] };
            await using var host = await ProbeHost.StartAsync(ProbeHost.OptionsFor(cluster.Replica.Port, cluster.NewStateDir(), cluster.Password), policy);

            var (status, reason) = await Poll.UntilAsync(
                () => host.GetAsync("health/ready"), a => a.Reason.StartsWith("warming failed", StringComparison.Ordinal), Timeouts.GateCloses, "warm-up failure");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("warming failed, retrying: pg_prewarm is not installed in database 'noprewarm': run CREATE EXTENSION pg_prewarm on the primary", reason);
        }
        finally
        {
            await cluster.ExecuteAsync(cluster.Primary, "DROP DATABASE noprewarm WITH (FORCE)", "postgres");
        }
    }
}
