using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Resilience.AwsControlPlane;
using Resilience.AwsStandIn;
using Resilience.HealthProbes.GateController;
using Resilience.HealthProbes.GateController.Aurora;
using Resilience.HealthProbes.Tests.Internal;
using MonotonicClock = Resilience.Topology.Time.MonotonicClock;

namespace Resilience.HealthProbes.Tests.GateController;

/// <summary>What goes wrong on the AWS side (the real client against the stand-in): one clear line in the log per problem, no crash, nothing emptied.</summary>
public sealed class AuroraGateFailureTests : IAsyncLifetime
{
    private const string Region = "eu-west-1";
    private readonly AuroraStandIn _standIn = new(TestPorts.Gate.Next(), Region);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly ListLogger _log = new();
    private readonly string _stateDir = Directory.CreateTempSubdirectory("gate-ledger-").FullName;
    private AwsSdkControlPlane _aws = null!;
    private StandInCluster _cluster = null!;

    public Task InitializeAsync()
    {
        _cluster = StandInTopology.AddCell(_standIn, "staging", "a");
        _aws = new AwsSdkControlPlane(new AwsControlPlaneOptions { Region = Region, EndpointUrl = _standIn.Url, StaticCredentials = new("AKIDEXAMPLE", "not-a-secret"), MaxAttempts = 1 });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _aws.Dispose();
        await _standIn.DisposeAsync();
        Directory.Delete(_stateDir, recursive: true);
    }

    [Fact]
    public async Task AClusterThatDoesNotExistIsOneLineAndNoChange()
    {
        await using var gate = Gate("staging-nope");
        await TicksAsync(gate, 20);
        var line = Assert.Single(_log.Lines, l => l.Level == LogLevel.Error);
        Assert.Equal("staging-nope: cluster staging-nope not found in eu-west-1: check the stack's region and that `pulumi up` created it (next read in 5 s)", line.Line);
        Assert.DoesNotContain(_standIn.Requests, r => r.Operation == "ModifyDBClusterEndpoint");
    }

    [Fact]
    public async Task AMissingEndpointIsOneLine()
    {
        lock (_standIn.Gate)
        {
            _cluster.Endpoints.RemoveAll(e => e.Type == "CUSTOM");
        }

        await using var gate = Gate(_cluster.Id);
        await TicksAsync(gate, 20);
        var line = Assert.Single(_log.Lines, l => l.Level == LogLevel.Error);
        Assert.Contains($"custom endpoint {_cluster.Id}-warm-readers not found on cluster {_cluster.Id}: the Pulumi program declares it (run `pulumi up`)", line.Line);
    }

    [Fact]
    public async Task NoPermissionToEditTheEndpointIsOneLineAndTheEndpointIsLeftAlone()
    {
        _standIn.InjectError(new InjectedError("ModifyDBClusterEndpoint", 1000, 403, "AccessDenied", "User: arn:aws:sts::123456789012:assumed-role/gate is not authorized to perform: rds:ModifyDBClusterEndpoint"));
        lock (_standIn.Gate)
        {
            _cluster.Instances[2].Status = "rebooting";
        }

        await using var gate = Gate(_cluster.Id);
        await TicksAsync(gate, 20);
        var line = Assert.Single(_log.Lines, l => l.Level == LogLevel.Error);
        Assert.Contains("could not set the members: ModifyDBClusterEndpoint in eu-west-1", line.Line);
        Assert.Contains("AccessDenied", line.Line);
        lock (_standIn.Gate)
        {
            Assert.Equal(2, _cluster.Endpoints.Single(e => e.Type == "CUSTOM").StaticMembers.Count);
        }
    }

    [Fact]
    public async Task AReaderWithoutAnAddressStaysOutAndSaysWhyOnce()
    {
        lock (_standIn.Gate)
        {
            _cluster.Instances.Add(new StandInInstance { Id = "application-autoscaling-1", Status = "creating", Address = "", PromotionTier = 15 });
        }

        await using var gate = Gate(_cluster.Id);
        await TicksAsync(gate, 20);
        var reader = gate.Snapshot.Readers.Single(r => r.Id == "application-autoscaling-1");
        Assert.False(reader.Open);
        Assert.Equal("database not answering: status creating", reader.Reason);
        Assert.Single(_log.Matching("application-autoscaling-1 gate closed: database not answering: status creating"));
    }

    [Fact]
    public async Task ThrottledReadsBackOff()
    {
        _standIn.InjectError(new InjectedError("DescribeDBClusters", 3, 400, "Throttling", "Rate exceeded"));
        await using var gate = Gate(_cluster.Id);
        await TicksAsync(gate, 75);
        // Reads at 1, 11, 31 and 71 s (the wait doubles from the 5 s interval: 10, 20, 40 s), instead of every 5 s.
        Assert.Equal(4, _standIn.Requests.Count(r => r.Operation == "DescribeDBClusters"));
        Assert.Contains("Throttling", Assert.Single(_log.Lines, l => l.Level == LogLevel.Error).Line);
    }

    private ClusterGate Gate(string cluster)
    {
        var platform = new AuroraGatePlatform(_aws, cluster, $"{cluster}-warm-readers", _ => "readers", new ControlPlanePacer(TimeSpan.Zero, _time), _time);
        var database = new FakeReaderDatabase();
        var options = new GateControllerOptions { StateDir = _stateDir, ControlPlaneInterval = TimeSpan.FromSeconds(5) };
        return new ClusterGate(platform, database, _ => GateHarness.Policy, options, new MonotonicClock(_time), _log);
    }

    private Task TicksAsync(ClusterGate gate, int seconds) => GateHarness.TicksAsync(gate, _time, seconds);
}
