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
                Security = new PgSecurity((b, token) => new ValueTask<string>(aws.CreateDbAuthTokenAsync(b.Host!, b.Port, b.Username!, token)), RequireTls: true, settings.CaFile),
            };
        }

        var database = new AuroraReaderDatabase(login, settings.Controller.ProbeTimeout, clock);
        var pacer = new ControlPlanePacer(RdsCallSpacing, clock.TimeProvider);
        var gates = settings.Cells.Select(cell =>
        {
            var cluster = $"{spec.StackName}-{cell.Name}";
            var platform = new AuroraGatePlatform(aws, cluster, $"{cluster}-{spec.Endpoints.ReadName}", AuroraGatePlatform.GroupsOf(cluster, spec.ReplicaGroups), pacer, clock.TimeProvider);
            return new ClusterGate(platform, database, PolicyOf(spec), settings.Controller, clock, logs.CreateLogger("GateController"));
        }).ToList();
        return (gates, new Resources(database, aws));
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
