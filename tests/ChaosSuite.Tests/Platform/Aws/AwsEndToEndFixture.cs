using System.Net;
using Resilience.ChaosSuite.Tests.TestSupport;
using Resilience.LocalCluster;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Tests.Platform.Aws;

/// <summary>
/// The staging stack's Aurora cell on loopback, with real PostgreSQL: a local cluster (ports 30150-30183, one
/// primary and two replicas, no autoscaling) whose members are the stand-in's instances, the stand-in's RDS,
/// FIS and CloudWatch on 30191, and its writer and warm-readers endpoints on 127.0.0.2:30190 and
/// 127.0.0.3:30190. Everything it starts is stopped, also when starting fails.
/// </summary>
public sealed class AwsEndToEndFixture : IAsyncLifetime
{
    private const string StackName = "awse2e";
    private const int PortBase = 30150;
    private const int EndpointPort = 30190;
    private const int StandInPort = 30191;
    private IAsyncDisposable? _endpoints;
    private string? _stacksDir;

    internal LocalClusterController Cluster { get; private set; } = null!;

    internal AwsStandInStack Stack { get; private set; } = null!;

    internal LocalClusterAurora Aurora { get; private set; } = null!;

    public string StateDir { get; } = $"/var/tmp/chaos-aws-e2e-{Guid.NewGuid():N}"[..32];

    public async Task InitializeAsync()
    {
        try
        {
            _stacksDir = Stacks.WriteLocalCopy(StackName, PortBase, StateDir);
            var file = StackSpecLoader.StackFilePath(_stacksDir, StackName);
            // Three members, as the stand-in's three instances: no Aurora Auto Scaling here.
            await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("      autoscaling:\n        targetCpuPercent: 70\n        sustainSeconds: 30\n", "", StringComparison.Ordinal));
            Cluster = LocalClusterController.Create(StackSpecLoader.LoadStack(_stacksDir, StackName), new LocalClusterOptions
            {
                RepoRoot = Stacks.RepoRoot,
                StackFilePath = file,
                SteadyTimeout = TestTimeouts.ClusterUp,
                AutomaticBackups = false,
            });
            using (var up = new CancellationTokenSource(TestTimeouts.ClusterUp + TimeSpan.FromSeconds(30)))
            {
                await Cluster.UpAsync(up.Token);
            }

            Stack = new AwsStandInStack(StandInPort);
            lock (Stack.StandIn.Gate)
            {
                Stack.Cluster.Port = EndpointPort;
            }

            _endpoints = await Stack.StandIn.ServeEndpointsAsync(Stack.Cluster, IPAddress.Parse("127.0.0.2"), IPAddress.Parse("127.0.0.3"));
            Aurora = await LocalClusterAurora.ConnectAsync(Cluster, Stack.StandIn, Stack.Cluster, CancellationToken.None);
            Stack.StandIn.Database = Aurora;
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until the local cluster is steady and the stand-in shows every instance available with both readers warm.</summary>
    public async Task WaitForSteadyAsync()
    {
        await Cluster.WaitForSteadyAsync(TestTimeouts.ClusterUp);
        using var deadline = new CancellationTokenSource(TestTimeouts.ClusterUp);
        while (true)
        {
            lock (Stack.StandIn.Gate)
            {
                if (Stack.Cluster.Status == "available" && Stack.Cluster.Instances.All(i => i.Status == "available")
                    && Stack.Cluster.Endpoints.Single(e => e.Type == "CUSTOM").StaticMembers.Count == 2)
                {
                    return;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
        }
    }

    public async Task DisposeAsync()
    {
        // Each step runs even when the one before failed: nothing may outlive the fixture.
        try
        {
            if (Aurora is not null)
            {
                await Aurora.DisposeAsync();
            }

            if (_endpoints is not null)
            {
                await _endpoints.DisposeAsync();
            }

            if (Stack is not null)
            {
                await Stack.DisposeAsync();
            }
        }
        finally
        {
            try
            {
                if (Cluster is not null)
                {
                    using var down = new CancellationTokenSource(TestTimeouts.ClusterDown);
                    await Cluster.DownAsync(keepState: false, down.Token);
                }
            }
            finally
            {
                if (_stacksDir is not null && Directory.Exists(_stacksDir))
                {
                    Directory.Delete(_stacksDir, recursive: true);
                }
            }
        }
    }
}
