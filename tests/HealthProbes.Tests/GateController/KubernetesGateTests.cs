using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Resilience.HealthProbes.GateController;
using Resilience.HealthProbes.GateController.Kubernetes;
using Resilience.HealthProbes.Tests.Internal;
using Resilience.KubernetesStandIn;
using Resilience.Topology;
using MonotonicClock = Resilience.Topology.Time.MonotonicClock;
using StandIn = Resilience.KubernetesStandIn.KubernetesStandIn;

namespace Resilience.HealthProbes.Tests.GateController;

/// <summary>
/// The label gate end to end: KubernetesClient against the loopback API stand-in, whose replica pods are real PostgreSQL
/// replicas the gate logs in to as its own read-only role (<see cref="GateRole"/>); the <c>-warm-readers</c> Service (its selector evaluated by the stand-in) selects a new, a replaced or a
/// restarted pod only once it is warm.
/// </summary>
[Collection(GatePgCollection.Name)]
public sealed class KubernetesGateTests(GatePgCluster pg)
{
    private const string Service = "pg-a-warm-readers";
    private static readonly WarmupPolicy Policy = new(["public.data"], ["app"], false, MaxReplayLagSeconds: 1, MinWarmSeconds: 2, LagGraceSeconds: 1, IoRateMbPerSecond: 0);

    [Fact]
    public async Task ANewAReplacedAndARestartedPodAreSelectedOnlyWhileWarm()
    {
        var directory = pg.NewStateDir();
        await using var standIn = new StandIn(TestPorts.Gate.Next());
        StandInCell.Add(standIn, cell: "a");
        lock (standIn.Gate)
        {
            Pod(standIn, "pg-a-1").Port = pg.Primary.Port;
            Pod(standIn, "pg-a-2").Port = pg.Replicas[0].Port;
            Pod(standIn, "pg-a-3").Port = pg.Replicas[1].Port;
            Pod(standIn, "pg-a-3").Labels.Remove(StandInCell.WarmLabel); // a new pod: no label yet
            standIn.Pods.ForEach(p => p.PodIp = "127.0.0.1");
        }

        var log = new ListLogger();
        var clock = new MonotonicClock(TimeProvider.System);
        var options = new GateControllerOptions
        {
            StateDir = directory,
            PollInterval = TimeSpan.FromMilliseconds(200),
            ControlPlaneInterval = TimeSpan.FromMilliseconds(300),
            WarmupRetryDelay = TimeSpan.FromSeconds(1),
        };
        var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(standIn.WriteKubeconfig(directory)));
        // The gate logs in as its own role, as the Cluster's managed role declares it (the same grants, from one home).
        await pg.ExecuteAsync(pg.Primary, $"""
            DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{GateRole.Name}') THEN CREATE ROLE {GateRole.Name} LOGIN; END IF; END $$;
            ALTER ROLE {GateRole.Name} LOGIN PASSWORD '{pg.Password}';
            GRANT {string.Join(", ", GateRole.Grants)} TO {GateRole.Name};
            """);
        var database = new StreamingReaderDatabase(new ReaderLogin(PgTestCluster.Database, GateRole.Name, pg.Password, null), TimeSpan.FromSeconds(2), clock);
        var gate = new ClusterGate(new CnpgGatePlatform(client, standIn.Namespace, "pg-a", _ => "readers", "stand-in"), database, _ => Policy, options, clock, log);
        var service = new GateControllerService([gate], new Owned(database, client), options, clock, NullLogger<GateControllerService>.Instance);
        var started = clock.Now;
        await service.StartAsync(CancellationToken.None);
        try
        {
            // The labelled replica stays selected; the new one joins once warm for minWarmSeconds.
            await Poll.UntilAsync(() => Task.FromResult(Selected(standIn)), s => s.SequenceEqual(["pg-a-2", "pg-a-3"]), Timeouts.GateOpens, "pg-a-3 selected");
            Assert.True(clock.Now - started >= TimeSpan.FromSeconds(Policy.MinWarmSeconds));
            Assert.Equal("false", Label(standIn, "pg-a-1") ?? "false");

            // A replaced pod (machine and storage lost; the operator's new instance on the same PostgreSQL here): cold, warmed, then selected.
            lock (standIn.Gate)
            {
                standIn.Pods.Remove(Pod(standIn, "pg-a-2"));
                var replacement = StandInCell.Pod("pg-a", 4, "replica", "127.0.0.1", pg.Replicas[0].Port);
                replacement.Labels.Remove(StandInCell.WarmLabel);
                standIn.Pods.Add(replacement);
            }

            var replaced = clock.Now;
            await Poll.UntilAsync(() => Task.FromResult(Selected(standIn)), s => s.SequenceEqual(["pg-a-3", "pg-a-4"]), Timeouts.GateOpens, "pg-a-4 selected");
            Assert.True(clock.Now - replaced >= TimeSpan.FromSeconds(Policy.MinWarmSeconds), $"selected after {(clock.Now - replaced).TotalSeconds:0.0} s");
            Assert.Single(log.Matching("pg-a-4 warm-up complete"));

            // A restart: unselected at once, selected again once warm for its new server start.
            await pg.Replicas[1].StopAsync();
            await Poll.UntilAsync(() => Task.FromResult(Selected(standIn)), s => s.SequenceEqual(["pg-a-4"]), Timeouts.GateCloses, "pg-a-3 unselected");
            Assert.Equal("false", Label(standIn, "pg-a-3"));
            await pg.StartAsync(pg.Replicas[1]);
            await Poll.UntilAsync(() => Task.FromResult(Selected(standIn)), s => s.SequenceEqual(["pg-a-3", "pg-a-4"]), Timeouts.GateOpens, "pg-a-3 selected again");
            Assert.Single(log.Matching("pg-a-3 restarted"));

            // A pod without an address yet: labelled false, one line says why.
            lock (standIn.Gate)
            {
                var pending = StandInCell.Pod("pg-a", 5, "replica", "", 5432);
                pending.Phase = "Pending";
                pending.Labels.Remove(StandInCell.WarmLabel);
                standIn.Pods.Add(pending);
            }

            await Poll.UntilAsync(() => Task.FromResult(Label(standIn, "pg-a-5")), l => l == "false", Timeouts.GateCloses, "pg-a-5 labelled false");
            Assert.Single(log.Matching("pg-a-5 gate closed: database not answering: status Pending"));
            Assert.Equal(["pg-a-3", "pg-a-4"], Selected(standIn));
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    private static StandInPod Pod(StandIn standIn, string name) => standIn.Pods.Single(p => p.Name == name);

    private static List<string> Selected(StandIn standIn)
    {
        lock (standIn.Gate)
        {
            return [.. standIn.SelectedBy(Service)];
        }
    }

    private static string? Label(StandIn standIn, string pod)
    {
        lock (standIn.Gate)
        {
            return Pod(standIn, pod).Labels.GetValueOrDefault(StandInCell.WarmLabel);
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
