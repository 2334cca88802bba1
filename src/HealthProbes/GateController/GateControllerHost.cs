using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Resilience.Topology.Time;

namespace Resilience.HealthProbes.GateController;

/// <summary>Builds <c>healthprobes gate</c>: the controller loops and two endpoints, <c>/health/live</c> (the loops tick) and <c>/status</c> (members, alarms, every reader's gate).</summary>
internal static class GateControllerHost
{
    /// <summary>200 while every cluster's loop ticks; the containers' liveness probe (infra/healthProbesContract.json).</summary>
    public const string LivenessPath = "/health/live";

    /// <summary>Members, alarms and every reader's gate, as JSON.</summary>
    public const string StatusPath = "/status";

    /// <summary>The same in the Prometheus text format (the kubernetes stacks' PodMonitor scrapes it).</summary>
    public const string MetricsPath = "/metrics";

    public static WebApplication Build(GateSettings settings, TimeProvider time, LogLevel minimumLogLevel)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(settings.Listen);
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
        builder.Services.AddSingleton(sp =>
        {
            var (gates, resources) = GatePlatforms.Create(settings, clock, sp.GetRequiredService<ILoggerFactory>());
            return new GateControllerService(gates, resources, settings.Controller, clock, sp.GetRequiredService<ILogger<GateControllerService>>());
        });
        builder.Services.AddHostedService(sp => sp.GetRequiredService<GateControllerService>());
        var app = builder.Build();
        var service = app.Services.GetRequiredService<GateControllerService>();
        app.MapGet(LivenessPath, () => service.Live ? Results.Text("live\n") : Results.Text("a controller loop is stuck\n", statusCode: 503));
        app.MapGet(MetricsPath, () => Results.Text(Http.PrometheusText.WriteGate(service.Gates.Select(g => (g.Cluster, g.Snapshot))), Http.PrometheusText.ContentType));
        app.MapGet(StatusPath, () => Results.Text(Status(settings, service), "application/json"));
        return app;
    }

    private static string Status(GateSettings settings, GateControllerService service)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("stack", settings.Stack.StackName);
            json.WriteString("platform", settings.Stack.Platform.ToString().ToLowerInvariant());
            json.WriteStartArray("clusters");
            foreach (var gate in service.Gates)
            {
                var snapshot = gate.Snapshot;
                json.WriteStartObject();
                json.WriteString("cluster", gate.Cluster);
                json.WriteStartArray("members");
                snapshot.Members.ToList().ForEach(json.WriteStringValue);
                json.WriteEndArray();
                json.WriteNumber("warm", snapshot.Readers.Count(r => r.Open));
                json.WriteString("alarm", snapshot.Alarm);
                json.WriteStartArray("readers");
                foreach (var reader in snapshot.Readers)
                {
                    json.WriteStartObject();
                    json.WriteString("id", reader.Id);
                    json.WriteBoolean("open", reader.Open);
                    json.WriteString("reason", reader.Reason);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
