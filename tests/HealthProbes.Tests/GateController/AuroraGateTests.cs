using Microsoft.Extensions.Logging.Abstractions;
using Resilience.AwsControlPlane;
using Resilience.AwsStandIn;
using Resilience.HealthProbes.GateController;
using Resilience.HealthProbes.GateController.Aurora;
using Resilience.HealthProbes.Tests.Internal;
using Resilience.Topology;
using MonotonicClock = Resilience.Topology.Time.MonotonicClock;

namespace Resilience.HealthProbes.Tests.GateController;

/// <summary>
/// The Aurora gate controller end to end: the real AWS client signs real RDS and CloudWatch calls to the loopback
/// stand-in, whose instances are real PostgreSQL servers; the warm-up (pg_prewarm) and the lag reading
/// (aurora_replica_status) run on them over SQL. A reader added by Auto Scaling, a restarted reader and a lagging one
/// each serve reads (are static members of warm-readers) only while warm.
/// </summary>
[Collection(GatePgCollection.Name)]
public sealed class AuroraGateTests(GatePgCluster pg)
{
    private const string Region = "eu-west-1";
    private const string AutoScaled = "application-autoscaling-4f9a1c2e";
    private static readonly WarmupPolicy Policy = new(["public.data"], ["app"], false, MaxReplayLagSeconds: 1, MinWarmSeconds: 2, LagGraceSeconds: 1, IoRateMbPerSecond: 0);

    [Fact]
    public async Task AnAutoScaledARestartedAndALaggingReaderServeReadsOnlyWhileWarm()
    {
        await using var standIn = new AuroraStandIn(TestPorts.Gate.Next(), Region);
        var cluster = StandInTopology.AddCell(standIn, "staging", "a");
        var first = $"{cluster.Id}-readers-1";
        lock (standIn.Gate)
        {
            cluster.Instances[0].Port = pg.Primary.Port;
            cluster.Instances[1].Port = pg.Replicas[0].Port;
            cluster.Instances.RemoveAt(2);
            var warm = cluster.Endpoints.Single(e => e.Type == "CUSTOM");
            warm.StaticMembers.Clear();
            warm.StaticMembers.Add(first);
        }

        await pg.PlayInstancesAsync(cluster.Instances[0].Id, first, AutoScaled);
        var log = new ListLogger();
        var clock = new MonotonicClock(TimeProvider.System);
        var (_, service) = Controller(standIn, cluster, clock, log);
        await service.StartAsync(CancellationToken.None);
        try
        {
            // The member found at the first start stays, and the count reaches CloudWatch per cluster.
            await Poll.UntilAsync(() => Task.FromResult(Metrics(standIn, cluster.Id).LastOrDefault()), m => m == 1, Timeouts.GateOpens, "HealthyWarmReplicas 1");
            Assert.Equal([first], Members(standIn, cluster));

            // Auto Scaling adds a reader (tier 15): it joins only after its warm-up and minWarmSeconds.
            var added = clock.Now;
            lock (standIn.Gate)
            {
                cluster.Instances.Add(new StandInInstance { Id = AutoScaled, PromotionTier = 15, Port = pg.Replicas[1].Port, CreateTime = standIn.Time.GetUtcNow() });
            }

            await Poll.UntilAsync(() => Task.FromResult(Members(standIn, cluster)), m => m.Contains(AutoScaled), Timeouts.GateOpens, $"{AutoScaled} in warm-readers");
            Assert.True(clock.Now - added >= TimeSpan.FromSeconds(Policy.MinWarmSeconds), $"joined after {(clock.Now - added).TotalSeconds:0.0} s");
            Assert.Single(log.Matching($"{AutoScaled} warm-up complete"));
            await Poll.UntilAsync(() => Task.FromResult(Metrics(standIn, cluster.Id).LastOrDefault()), m => m == 2, Timeouts.GateOpens, "HealthyWarmReplicas 2");

            // A restart: out at once, back only once warmed again for its new server start.
            await pg.Replicas[0].StopAsync();
            await Poll.UntilAsync(() => Task.FromResult(Members(standIn, cluster)), m => m.SequenceEqual([AutoScaled]), Timeouts.GateCloses, $"{first} out of warm-readers");
            await pg.StartAsync(pg.Replicas[0]);
            await Poll.UntilAsync(() => Task.FromResult(Members(standIn, cluster)), m => m.Contains(first), Timeouts.GateOpens, $"{first} back in warm-readers");
            Assert.Single(log.Matching($"{first} restarted"));
            Assert.Equal(2, log.Matching($"{first} warm-up complete").Count);
            Assert.All(log.Matching("warm-up complete"), line => Assert.EndsWith("(pg_prewarm)", line, StringComparison.Ordinal));
            Assert.NotEmpty(log.Matching($"{first} warming by pg_prewarm"));

            // Lag past the grace: replay paused on the auto-scaled reader while the writer writes.
            await pg.ExecuteAsync(pg.Replicas[1], "SELECT pg_wal_replay_pause()");
            try
            {
                await Poll.UntilAsync(
                    async () =>
                    {
                        await pg.ExecuteAsync(pg.Primary, "INSERT INTO public.writes DEFAULT VALUES");
                        return Members(standIn, cluster);
                    },
                    m => m.SequenceEqual([first]),
                    Timeouts.GateOpens,
                    $"{AutoScaled} out of warm-readers for its lag");
                Assert.Contains(log.Lines, l => l.Line.Contains($"{AutoScaled} gate closed: lag", StringComparison.Ordinal));
            }
            finally
            {
                await pg.ExecuteAsync(pg.Replicas[1], "SELECT pg_wal_replay_resume()");
            }

            await Poll.UntilAsync(() => Task.FromResult(Members(standIn, cluster)), m => m.Count == 2, Timeouts.GateOpens, $"{AutoScaled} back once caught up");

            // The endpoint was never emptied, and only the one operation edits it.
            var modifications = standIn.Requests.Where(r => r.Operation == "ModifyDBClusterEndpoint").ToList();
            Assert.True(modifications.Count >= 5, $"{modifications.Count} modifications");
            Assert.All(modifications, r => Assert.Contains(r.Form.Keys, k => k.StartsWith("StaticMembers.member.", StringComparison.Ordinal)));
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task ARestartedControllerWithAnEmptyLedgerChangesNothingAndStillSeesALaterRestart()
    {
        await using var standIn = new AuroraStandIn(TestPorts.Gate.Next(), Region);
        var cluster = StandInTopology.AddCell(standIn, "staging", "a");
        var first = $"{cluster.Id}-readers-1";
        var second = $"{cluster.Id}-readers-2";
        lock (standIn.Gate)
        {
            cluster.Instances[0].Port = pg.Primary.Port;
            cluster.Instances[1].Port = pg.Replicas[0].Port;
            cluster.Instances[2].Port = pg.Replicas[1].Port;
            var warm = cluster.Endpoints.Single(e => e.Type == "CUSTOM");
            warm.StaticMembers.Clear();
            warm.StaticMembers.Add(first);
        }

        await pg.PlayInstancesAsync(cluster.Instances[0].Id, first, second);
        var clock = new MonotonicClock(TimeProvider.System);
        var before = Controller(standIn, cluster, clock, new ListLogger());
        await before.Service.StartAsync(CancellationToken.None);
        try
        {
            await Poll.UntilAsync(() => Task.FromResult(Members(standIn, cluster)), m => m.Count == 2, Timeouts.GateOpens, "both readers in warm-readers");
        }
        finally
        {
            await before.Service.StopAsync(CancellationToken.None);
        }

        // A new ECS task: a new, empty state volume. It adopts both members and edits nothing.
        int Modifications() => standIn.Requests.Count(r => r.Operation == "ModifyDBClusterEndpoint");
        int Reads() => standIn.Requests.Count(r => r.Operation == "DescribeDBClusterEndpoints");
        var modified = Modifications();
        var published = Metrics(standIn, cluster.Id).Count;
        var log = new ListLogger();
        var after = Controller(standIn, cluster, clock, log);
        var reads = Reads();
        await after.Service.StartAsync(CancellationToken.None);
        try
        {
            await Poll.UntilAsync(() => Task.FromResult(Reads() - reads), n => n >= 5, Timeouts.GateOpens, "five control-plane reads by the new controller");
            await after.Gate.WarmupsIdleAsync();
            Assert.Equal(modified, Modifications());
            Assert.Equal([first, second], Members(standIn, cluster));
            Assert.All(after.Gate.Snapshot.Readers, r => Assert.True(r.Open, r.Reason));
            var counts = await Poll.UntilAsync(() => Task.FromResult(Metrics(standIn, cluster.Id).Skip(published).ToList()), m => m.Count > 0, Timeouts.GateOpens, "HealthyWarmReplicas from the new controller");
            Assert.All(counts, count => Assert.Equal(2, count));

            // Its baseline is the server start it found: a restart afterwards takes the reader out at once.
            await pg.Replicas[0].StopAsync();
            await pg.StartAsync(pg.Replicas[0]);
            await Poll.UntilAsync(() => Task.FromResult(Members(standIn, cluster)), m => m.SequenceEqual([second]), Timeouts.GateCloses, $"{first} out after its restart");
            await Poll.UntilAsync(() => Task.FromResult(Members(standIn, cluster)), m => m.Count == 2, Timeouts.GateOpens, $"{first} back once warm");
            Assert.Single(log.Matching($"{first} restarted"));
        }
        finally
        {
            await after.Service.StopAsync(CancellationToken.None);
        }
    }

    // A controller of its own (a new task): its own state directory, AWS client and reader connections.
    private (ClusterGate Gate, GateControllerService Service) Controller(AuroraStandIn standIn, StandInCluster cluster, MonotonicClock clock, ListLogger log)
    {
        var options = new GateControllerOptions
        {
            StateDir = pg.NewStateDir(),
            PollInterval = TimeSpan.FromMilliseconds(200),
            ControlPlaneInterval = TimeSpan.FromMilliseconds(300),
            WarmupRetryDelay = TimeSpan.FromSeconds(1),
        };
        var aws = new AwsSdkControlPlane(new AwsControlPlaneOptions { Region = Region, EndpointUrl = standIn.Url, StaticCredentials = new("AKIDEXAMPLE", "not-a-secret") });
        var database = new AuroraReaderDatabase(new ReaderLogin(PgTestCluster.Database, PgTestCluster.User, pg.Password, null), TimeSpan.FromSeconds(2), clock);
        var platform = new AuroraGatePlatform(aws, cluster.Id, $"{cluster.Id}-warm-readers", _ => "readers", new ControlPlanePacer(TimeSpan.FromMilliseconds(20), TimeProvider.System), TimeProvider.System);
        var gate = new ClusterGate(platform, database, _ => Policy, options, clock, log);
        return (gate, new GateControllerService([gate], new Owned(database, aws), options, clock, NullLogger<GateControllerService>.Instance));
    }

    private static List<string> Members(AuroraStandIn standIn, StandInCluster cluster)
    {
        lock (standIn.Gate)
        {
            return [.. cluster.Endpoints.Single(e => e.Type == "CUSTOM").StaticMembers.Order(StringComparer.Ordinal)];
        }
    }

    private static List<double> Metrics(AuroraStandIn standIn, string cluster)
    {
        lock (standIn.Gate)
        {
            return [.. standIn.Metrics.Where(m => m is { Namespace: AuroraGatePlatform.MetricNamespace, Name: AuroraGatePlatform.MetricName } && m.Dimensions["DBClusterIdentifier"] == cluster).Select(m => m.Value)];
        }
    }

    private sealed class Owned(IAsyncDisposable database, IDisposable client) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await database.DisposeAsync();
            client.Dispose();
        }
    }
}
