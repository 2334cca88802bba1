using Microsoft.Extensions.Logging;
using Resilience.AwsControlPlane;
using Resilience.HealthProbes.GateController.Aurora;
using Resilience.HealthProbes.Internal;
using Resilience.Topology;
using Resilience.Topology.Time;

namespace Resilience.HealthProbes.GateController;

/// <summary>Chooses, in one place, the platform half and the SQL half of every cell's gate from the stack's platform.</summary>
internal static class GatePlatforms
{
    /// <summary>The least spacing of this process's RDS calls (Describe*, Modify*): about one per second at most.</summary>
    public static readonly TimeSpan RdsCallSpacing = TimeSpan.FromSeconds(1);

    public static (IReadOnlyList<ClusterGate> Gates, IAsyncDisposable Resources) Create(GateSettings settings, MonotonicClock clock, ILoggerFactory logs)
    {
        var spec = settings.Stack;
        return spec.Platform switch
        {
            Platform.Aws => Aurora(settings, clock, logs),
            Platform.Kubernetes => CloudNativePg(settings, clock, logs),
            _ => throw new InvalidOperationException($"no gate controller for platform {spec.Platform}"),
        };
    }

    public static Func<string, WarmupPolicy> PolicyOf(StackSpec spec) => group => (spec.FindGroup(group) ?? spec.ReplicaGroups[0]).Warmup;

    private static (IReadOnlyList<ClusterGate>, IAsyncDisposable) Aurora(GateSettings settings, MonotonicClock clock, ILoggerFactory logs)
    {
        var spec = settings.Stack;
        var aws = new AwsSdkControlPlane(new AwsControlPlaneOptions { Region = StackRegion.Read(settings.StackFile), EndpointUrl = settings.AwsEndpointUrl });
        var login = settings.Login;
        if (settings.IamAuth)
        {
            login = login with
            {
                Password = null,
                Security = (login.Security ?? new PgSecurity(null, RequireTls: true)) with
                {
                    PasswordProvider = (b, token) => new ValueTask<string>(aws.CreateDbAuthTokenAsync(b.Host!, b.Port, b.Username!, token)),
                    RequireTls = true,
                },
            };
        }

        var database = new AuroraReaderDatabase(login, settings.Controller.ProbeTimeout, clock);
        var pacer = new ControlPlanePacer(RdsCallSpacing, clock.TimeProvider);
        var gates = settings.Cells.Select(cell =>
        {
            var cluster = PlatformNames.AuroraCluster(spec, cell);
            var platform = new AuroraGatePlatform(aws, cluster, PlatformNames.AuroraReadEndpoint(spec, cell), AuroraGatePlatform.GroupsOf(cluster, spec.ReplicaGroups), pacer, clock.TimeProvider);
            return new ClusterGate(platform, database, PolicyOf(spec), settings.Controller, clock, logs.CreateLogger("GateController"));
        }).ToList();
        return (gates, new Resources(database, aws));
    }

    private static (IReadOnlyList<ClusterGate>, IAsyncDisposable) CloudNativePg(GateSettings settings, MonotonicClock clock, ILoggerFactory logs)
    {
        var spec = settings.Stack;
        var (config, where) = KubeConfig();
        var client = new k8s.Kubernetes(config);
        var ns = spec.Kubernetes?.Namespace ?? "databases";
        var database = new StreamingReaderDatabase(settings.Login, settings.Controller.ProbeTimeout, clock);
        // CloudNativePG runs one Cluster per cell; its replicas all follow the first replica group's warm-up policy.
        var group = spec.ReplicaGroups[0].Name;
        var gates = settings.Cells.Select(cell =>
        {
            var platform = new Kubernetes.CnpgGatePlatform(client, ns, PlatformNames.CnpgCluster(cell), _ => group, where);
            return new ClusterGate(platform, database, PolicyOf(spec), settings.Controller, clock, logs.CreateLogger("GateController"));
        }).ToList();
        return (gates, new Resources(database, client));
    }

    // The pod's service account in the cluster (the Deployment), else the kubeconfig ($KUBECONFIG or ~/.kube/config) as kubectl reads it.
    private static (k8s.KubernetesClientConfiguration Config, string Where) KubeConfig()
    {
        try
        {
            if (k8s.KubernetesClientConfiguration.IsInCluster())
            {
                var inCluster = k8s.KubernetesClientConfiguration.InClusterConfig();
                return (inCluster, $"in-cluster service account ({inCluster.Host})");
            }

            var config = k8s.KubernetesClientConfiguration.BuildConfigFromConfigFile();
            return (config, $"kubeconfig ({config.Host})");
        }
        catch (Exception e) when (e is k8s.Exceptions.KubeConfigException or IOException or UnauthorizedAccessException)
        {
            throw new GatePlatformException($"no usable Kubernetes credentials: {e.Message.ReplaceLineEndings(" ")}; run in the cluster with the gate's service account, or set KUBECONFIG", inner: e);
        }
    }

    private sealed class Resources(IAsyncDisposable database, IDisposable? client) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await database.DisposeAsync().ConfigureAwait(false);
            client?.Dispose();
        }
    }
}
