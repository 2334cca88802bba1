using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Resilience.LocalCluster.Internal.Failover;
using Resilience.LocalCluster.Internal.Processes;
using Resilience.LocalCluster.Internal.Routing;
using Resilience.LocalCluster.Internal.Supervision.Jobs;
using Resilience.LocalCluster.Internal.Supervision.MachineLoss;

namespace Resilience.LocalCluster.Internal.Supervision;

/// <summary>
/// Hosts the supervisor (Microsoft.Extensions.Hosting): registers its jobs, in the order each tick runs them,
/// and runs <see cref="SupervisorLoop"/> until cancelled or until the stack's state is gone.
/// </summary>
internal static class SupervisorHost
{
    /// <summary>Runs the supervisor of <paramref name="env"/> in this process; returns its exit code (1: another supervisor runs this stack).</summary>
    public static async Task<int> RunAsync(ClusterEnvironment env, Tools tools, CancellationToken ct)
    {
        using var host = Build(env, tools);
        var log = host.Services.GetRequiredService<ILogger<SupervisorLoop>>();
        if (PidFile.ReadAlive(env.Layout.SupervisorPid) is { } other && other.Pid != Environment.ProcessId)
        {
            SupervisorLog.AnotherSupervisor(log, other.Pid);
            return 1;
        }

        PidFile.Write(env.Layout.SupervisorPid, ProcessHandle.Of(Environment.ProcessId)!);
        await host.RunAsync(ct);
        return 0;
    }

    /// <summary>The host with every job registered.</summary>
    public static IHost Build(ClusterEnvironment env, Tools tools) => Build(env, tools, services =>
    {
        AddJobs(services);
        services.AddHostedService<WriteEndpointRouter>(); // beside the tick loop: a slow job never delays a leader change
    });

    /// <summary>The host with the jobs <paramref name="addJobs"/> registers (tests register their own).</summary>
    internal static IHost Build(ClusterEnvironment env, Tools tools, Action<IServiceCollection> addJobs)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.ColorBehavior = LoggerColorBehavior.Disabled;
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = LocalClusterConstants.SupervisorShutdown);
        var services = builder.Services;
        services.AddSingleton(env);
        services.AddSingleton(tools);
        services.AddSingleton(env.Time);
        services.AddSingleton(sp => new EventLog(env.Layout.EventLog, sp.GetRequiredService<ILogger<EventLog>>(), env.Time));
        services.AddSingleton<InfraHost>();
        services.AddSingleton<CommitLatencyProbe>();
        services.AddSingleton<MetricsSampler>();
        services.AddSingleton<CrashRestarts>();
        services.AddSingleton<MemberRemoval>();
        services.AddSingleton<MachineLossReaction>();
        services.AddSingleton(_ => NoSafeCandidateAlarm.Restore(env));
        addJobs(services);
        services.AddHostedService<SupervisorLoop>();
        return builder.Build();
    }

    private static void AddJobs(IServiceCollection services)
    {
        // Beside the tick: lost machines are looked for more often than a pass runs (see MachineLossWatch).
        services.AddHostedService<MachineLossWatch>();

        // The jobs, in the order every tick runs them. A new job is one class and one line here.
        services.AddJob<InfrastructureJob>();
        services.AddJob<LeaderLockReleaseJob>();
        services.AddJob<HealJob>();
        services.AddJob<ClusterViewJob>();
        services.AddJob<ReconcileJob>();
        services.AddJob<NoSafeCandidateJob>();
        services.AddJob<MetricsJob>();
        services.AddJob<AlarmsJob>();
        services.AddJob<WebhookJob>();
        services.AddJob<AutoscalingJob>();
        services.AddJob<BackupJob>();
        services.AddJob<ReportJob>();
    }

    /// <summary>Registers <typeparamref name="TJob"/> to run every tick, after the jobs registered before it.</summary>
    internal static IServiceCollection AddJob<TJob>(this IServiceCollection services)
        where TJob : class, ISupervisorJob =>
        services.AddSingleton<ISupervisorJob, TJob>();
}
