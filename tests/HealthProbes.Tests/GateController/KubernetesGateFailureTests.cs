using k8s;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Resilience.HealthProbes.GateController;
using Resilience.HealthProbes.GateController.Kubernetes;
using Resilience.HealthProbes.Tests.Internal;
using Resilience.KubernetesStandIn;
using MonotonicClock = Resilience.Topology.Time.MonotonicClock;
using StandIn = Resilience.KubernetesStandIn.KubernetesStandIn;

namespace Resilience.HealthProbes.Tests.GateController;

/// <summary>What goes wrong on the Kubernetes side (KubernetesClient against the stand-in): one clear line per problem, labels left alone.</summary>
public sealed class KubernetesGateFailureTests : IAsyncLifetime
{
    private readonly StandIn _standIn = new(TestPorts.Gate.Next());
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly ListLogger _log = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("gate-k8s-").FullName;
    private Kubernetes _client = null!;

    public Task InitializeAsync()
    {
        StandInCell.Add(_standIn, cell: "a");
        _client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_standIn.WriteKubeconfig(_directory)));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _standIn.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task AClusterThatDoesNotExistIsOneLine()
    {
        await using var gate = Gate("pg-nope");
        await TicksAsync(gate, 20);
        var line = Assert.Single(_log.Lines, l => l.Level == LogLevel.Error);
        Assert.StartsWith("pg-nope: Cluster pg-nope not found in namespace databases (stand-in): check resilience:kubernetes.namespace", line.Line);
    }

    [Fact]
    public async Task APatchDeniedByRbacIsOneLineAndNothingElseChanges()
    {
        lock (_standIn.Gate)
        {
            _standIn.Denied.Add(("patch", "pods"));
            _standIn.Pods.Single(p => p.Name == "pg-a-3").Labels.Remove(StandInCell.WarmLabel);
        }

        var database = new FakeReaderDatabase();
        database.Answers["pg-a-2"] = ReaderObservation.NoAnswer("connection refused"); // closes: the gate would unlabel it
        await using var gate = Gate("pg-a", database);
        await TicksAsync(gate, 20);
        var line = Assert.Single(_log.Matching("could not set the members"));
        Assert.Contains("the API server denied patch pods", line);
        Assert.Contains("the gate's Role needs get on clusters.postgresql.cnpg.io and list, patch on pods", line);
        Assert.Single(_log.Matching("ALARM no reader is warm")); // pg-a-2 does not answer, pg-a-3 is still cold: the alarm starts once
        Assert.Empty(_standIn.PodPatches);
    }

    private ClusterGate Gate(string cluster, FakeReaderDatabase? database = null)
    {
        var platform = new CnpgGatePlatform(_client, _standIn.Namespace, cluster, _ => "readers", "stand-in");
        var options = new GateControllerOptions { StateDir = _directory, ControlPlaneInterval = TimeSpan.FromSeconds(5) };
        return new ClusterGate(platform, database ?? new FakeReaderDatabase(), _ => GateHarness.Policy, options, new MonotonicClock(_time), _log);
    }

    private Task TicksAsync(ClusterGate gate, int seconds) => GateHarness.TicksAsync(gate, _time, seconds);
}
