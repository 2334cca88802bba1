using Resilience.Topology.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Resilience.HealthProbes.Gate;
using Resilience.HealthProbes.Http;
using Resilience.HealthProbes.Internal;
using Resilience.HealthProbes.Probes;
using Resilience.HealthProbes.Routing;
using Resilience.HealthProbes.Warmup;
using Resilience.Topology.Time;
using Resilience.Topology;

namespace Resilience.HealthProbes;

/// <summary>Builds the HealthProbes web application for one member: probe loop, warm-up and endpoints.</summary>
public static class HealthProbesHost
{
    /// <summary>Builds the application; run it with <c>RunAsync</c>, stop it with <c>StopAsync</c>.</summary>
    /// <param name="options">The member and where to listen.</param>
    /// <param name="stackName">The stack's name (for <c>/status</c>).</param>
    /// <param name="policy">The replica group's warm-up policy.</param>
    /// <param name="time">The clock; <see cref="TimeProvider.System"/> in production.</param>
    /// <param name="minimumLogLevel">The least severe log level written to the console.</param>
    public static WebApplication Build(HealthProbesOptions options, string stackName, WarmupPolicy policy, TimeProvider time, LogLevel minimumLogLevel = LogLevel.Information)
    {
        OptionsValidator.Validate(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(options.Listen);
        });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(minimumLogLevel);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            console.UseUtcTimestamp = true;
        });

        var clock = new MonotonicClock(time);
        var pg = new PgConnections(options);
        var member = new MemberState();
        var progress = new WarmupProgress();
        var gate = new WarmupGate(policy, clock);
        var metrics = new ProbeMetrics();
        var store = new WarmupStateStore(options.StateDir);
        var context = new MemberContext(stackName, options.Group, policy, options, clock, member, gate, progress, store, metrics);

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(policy);
        services.AddSingleton(clock);
        services.AddSingleton(pg);
        services.AddSingleton(member);
        services.AddSingleton(progress);
        services.AddSingleton(gate);
        services.AddSingleton(metrics);
        services.AddSingleton(store);
        services.AddSingleton(new MemberSampler(pg.Probe, options.ProbeTimeout, time));
        if (options.PatroniUrl is { } patroniUrl)
        {
            var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) }) { Timeout = Timeout.InfiniteTimeSpan };
            services.AddSingleton(new PatroniLeader(http, patroniUrl, options.ProbeTimeout, time));
        }

        if (options.HaproxyServer is { } server)
        {
            services.AddSingleton(sp => new GateRouting(server, options.ProbeTimeout, sp.GetRequiredService<ILogger<GateRouting>>()));
        }

        services.AddSingleton(sp => new ProbeLoop(
            sp.GetRequiredService<MemberSampler>(), sp.GetService<PatroniLeader>(), gate, member, progress, metrics, options, clock,
            sp.GetRequiredService<ILogger<ProbeLoop>>(), sp.GetService<GateRouting>()));
        services.AddHostedService(sp => sp.GetRequiredService<ProbeLoop>());
        services.AddHostedService<WarmupCoordinator>();

        var app = builder.Build();
        app.MapHealthProbes(context);
        return app;
    }
}
