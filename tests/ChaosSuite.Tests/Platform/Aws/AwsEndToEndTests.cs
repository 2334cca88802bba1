using System.Text.Json;
using Resilience.ChaosSuite.Platform.Aws;
using Xunit.Abstractions;

namespace Resilience.ChaosSuite.Tests.Platform.Aws;

/// <summary>
/// `chaos run` through the AWS adapter end to end: the stand-in plays RDS, FIS and CloudWatch and its FIS
/// actions act on real PostgreSQL (a reboot restarts the member's PostgreSQL, a failover is a Patroni
/// switchover), so the workload, its ledger, the measurements and the reports run for real.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AwsEndToEndTests(AwsEndToEndFixture aurora, ITestOutputHelper log) : IClassFixture<AwsEndToEndFixture>
{
    private const string Cluster = "staging-eu-1";

    [Fact]
    public async Task AReaderRebootIsMeasuredOnTheRebootedReaderWithNoLostWrite()
    {
        await aurora.WaitForSteadyAsync();
        const string victim = Cluster + "-readers-2";
        var before = await aurora.Aurora.PostmasterStartAsync(victim, CancellationToken.None);

        var report = await RunAsync("replica-hardware-failure");

        var experiment = Assert.Single(aurora.Stack.StandIn.Experiments, e => e.Tags["resilience:member"] == victim);
        Assert.Equal(aurora.Stack.StandIn.Templates.Single(t => t.Tags["resilience:scenario"] == "replica-hardware-failure").Id, experiment.TemplateId);
        Assert.Equal("completed", experiment.Status);
        Assert.NotNull(experiment.EndTime);
        Assert.Equal([$"arn:aws:rds:{AwsStandInStack.Region}:123456789012:db:{victim}"], experiment.ResolvedTargetArns);
        Assert.NotEqual(before, await aurora.Aurora.PostmasterStartAsync(victim, CancellationToken.None));

        var m = report.Measurements;
        Assert.Equal(0, m["lostWrites"]);
        Assert.Equal(0, m["falseFailovers"]);
        Assert.Equal(0, m["coldReads"]);
        Assert.InRange(m["failedReads"]!.Value, 0, 10);
        Assert.InRange(m["readerRemovalSeconds"]!.Value, 0.001, 30);
        // Down for at least the stand-in's modelled reboot (10 s) before the group is whole again.
        Assert.True(m["replacementSeconds"] >= aurora.Stack.StandIn.RebootDuration.TotalSeconds, $"replacementSeconds {m["replacementSeconds"]}");
        // The rebooted reader's PostgreSQL is warm again by the time the instance is available (the local gate keys warmth
        // on the data directory, which a restart keeps), so its warm-up may be seen in the same control-plane read: 0.
        Assert.InRange(m["warmupSeconds"]!.Value, 0, 120);
        Assert.InRange(m["replacementSeconds"]!.Value, m["readerRemovalSeconds"]!.Value, 300);
        Assert.Contains(victim, report.Fault, StringComparison.Ordinal);
        Assert.Contains("on Aurora a machine loss is a reboot", report.Fault, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWriterFailoverPromotesTheTierZeroReaderAndNoAcknowledgedWriteIsLost()
    {
        await aurora.WaitForSteadyAsync();
        string writer;
        lock (aurora.Stack.StandIn.Gate)
        {
            writer = aurora.Stack.Cluster.Instances.Single(i => i.IsWriter).Id;
        }

        var report = await RunAsync("primary-failure");

        var experiment = Assert.Single(aurora.Stack.StandIn.Experiments, e => e.Tags["resilience:member"] == writer);
        Assert.Equal(aurora.Stack.StandIn.Templates.Single(t => t.Tags["resilience:scenario"] == "primary-failure").Id, experiment.TemplateId);
        Assert.Equal("completed", experiment.Status);
        Assert.Equal([$"arn:aws:rds:{AwsStandInStack.Region}:123456789012:cluster:{Cluster}"], experiment.ResolvedTargetArns);
        string promoted;
        lock (aurora.Stack.StandIn.Gate)
        {
            promoted = aurora.Stack.Cluster.Instances.Single(i => i.IsWriter).Id;
        }

        Assert.NotEqual(writer, promoted);
        await using (var source = Npgsql.NpgsqlDataSource.Create(aurora.Cluster.GetCredentials().ConnectionString(new LocalCluster.EndpointAddress("127.0.0.2", 30190))))
        await using (var identity = source.CreateCommand("select aurora_db_instance_identifier()"))
        {
            Assert.Equal(promoted, await identity.ExecuteScalarAsync());
        }

        var m = report.Measurements;
        Assert.Equal(0, m["lostWrites"]);
        Assert.Equal(0, m["falseFailovers"]);
        Assert.InRange(m["failedWrites"]!.Value, 0, 100);
        Assert.InRange(m["writeUnavailableSeconds"]!.Value, 0.001, 60);
        Assert.InRange(m["replacementSeconds"]!.Value, m["writeUnavailableSeconds"]!.Value, 300);
    }

    [Fact]
    public async Task APlannedSwitchoverPromotesTheWarmReaderOfTheHighestTierThroughRealPatroniWithNoAcknowledgedWriteLost()
    {
        await aurora.WaitForSteadyAsync();
        string writer;
        string expected;
        lock (aurora.Stack.StandIn.Gate)
        {
            writer = aurora.Stack.Cluster.Instances.Single(i => i.IsWriter).Id;
            expected = aurora.Stack.Cluster.Instances.Where(i => !i.IsWriter).OrderBy(i => i.PromotionTier).ThenBy(i => i.Id, StringComparer.Ordinal).First().Id;
        }

        var options = aurora.Stack.Options();
        options.DatabasePassword = aurora.Cluster.GetCredentials().Password;
        await using var platform = new AwsPlatform(aurora.Stack.Spec, aurora.Stack.StackFile, options);
        var access = await platform.ResolveAsync(CancellationToken.None);
        var oldWriterStart = await aurora.Aurora.PostmasterStartAsync(writer, CancellationToken.None);
        await using var writes = await Resilience.ChaosSuite.Tests.TestSupport.AcknowledgedWriteLoop.StartAsync(access, CancellationToken.None);
        await writes.AcknowledgedMoreAsync(20, TimeSpan.FromSeconds(30));
        var observation = await platform.ObserveAsync(CancellationToken.None);
        Assert.Equal(writer, observation.Primary!.Name);

        var started = TimeProvider.System.GetTimestamp();
        var fault = await platform.InjectAsync(new Resilience.ChaosSuite.Platform.FaultRequest(Resilience.ChaosSuite.Platform.FaultKind.Switchover, observation.Primary!), CancellationToken.None);
        var took = TimeProvider.System.GetElapsedTime(started);
        await writes.AcknowledgedMoreAsync(20, TimeSpan.FromSeconds(30));
        var missing = await writes.StopAndFindMissingAsync(CancellationToken.None);
        log.WriteLine($"switchover {writer} -> {fault.Member} in {took.TotalSeconds:0.00} s; {writes.Acknowledged.Count} writes acknowledged, {writes.Failed} failed, {missing.Count} missing");

        Assert.Equal(expected, fault.Member);
        Assert.DoesNotContain(aurora.Stack.StandIn.Experiments, e => e.Status is "running" or "initiating");
        var call = Assert.Single(aurora.Stack.StandIn.Requests, r => r.Operation == "FailoverDBCluster");
        Assert.Equal(expected, call.Form["TargetDBInstanceIdentifier"]);
        // What really changed: RDS names the new writer, the writer endpoint answers from it, its PostgreSQL accepts
        // writes, and the old writer's PostgreSQL restarted (Patroni stops it cleanly and makes it follow).
        lock (aurora.Stack.StandIn.Gate)
        {
            Assert.Equal(expected, aurora.Stack.Cluster.Instances.Single(i => i.IsWriter).Id);
        }

        await using (var source = Npgsql.NpgsqlDataSource.Create(aurora.Cluster.GetCredentials().ConnectionString(new LocalCluster.EndpointAddress("127.0.0.2", 30190))))
        await using (var identity = source.CreateCommand("select aurora_db_instance_identifier()"))
        {
            Assert.Equal(expected, await identity.ExecuteScalarAsync());
        }

        await using (var direct = aurora.Aurora.Direct(expected))
        await using (var primary = direct.CreateCommand("select not pg_is_in_recovery()"))
        {
            Assert.Equal(true, await primary.ExecuteScalarAsync());
        }

        string? oldWriterNow = null;
        using (var restarted = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            while ((oldWriterNow = await aurora.Aurora.PostmasterStartAsync(writer, CancellationToken.None)) is null)
            {
                await Task.Delay(200, restarted.Token);
            }
        }

        Assert.NotNull(oldWriterStart);
        Assert.NotEqual(oldWriterStart, oldWriterNow);
        Assert.Empty(missing);
        Assert.True(writes.Acknowledged.Count >= 40);
    }

    private async Task<Report> RunAsync(string scenario)
    {
        var reports = Directory.CreateTempSubdirectory("chaos-aws-e2e-reports-").FullName;
        try
        {
            var (code, output, error) = await AwsCliTests.RunAsync(
                spec =>
                {
                    var options = aurora.Stack.Options();
                    options.DatabasePassword = aurora.Cluster.GetCredentials().Password;
                    return new AwsPlatform(spec, aurora.Stack.StackFile, options);
                },
                "run", scenario, "--stack", "staging", "--report-dir", reports, "--seed", "7");
            log.WriteLine(output);
            log.WriteLine(error);
            Assert.True(code == 0, $"exit {code}: {error}");
            Assert.All(["report.json", "report.md", "junit.xml", "report.html"], f => Assert.True(File.Exists(Path.Combine(reports, f)), f));
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(reports, "report.json")));
            Assert.Equal("aws", json.RootElement.GetProperty("platform").GetString());
            Assert.Equal("passed", json.RootElement.GetProperty("verdict").GetString());
            var run = Assert.Single(json.RootElement.GetProperty("scenarios").EnumerateArray());
            Assert.Equal(scenario, run.GetProperty("name").GetString());
            var measurements = run.GetProperty("measurements").EnumerateObject()
                .ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Number ? p.Value.GetDouble() : (double?)null, StringComparer.Ordinal);
            Assert.All(measurements, p => Assert.True(p.Value is not null, $"{p.Key} was not measured"));
            return new Report(measurements, run.GetProperty("fault").GetRawText());
        }
        finally
        {
            Directory.Delete(reports, recursive: true);
        }
    }

    private sealed record Report(IReadOnlyDictionary<string, double?> Measurements, string Fault);
}
