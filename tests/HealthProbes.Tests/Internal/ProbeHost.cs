using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Resilience.Topology;

namespace Resilience.HealthProbes.Tests.Internal;

/// <summary>A HealthProbes service in the test process, on a real loopback port, with an HTTP client for its endpoints.</summary>
internal sealed class ProbeHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ProbeHost(WebApplication app, HealthProbesOptions options)
    {
        _app = app;
        Options = options;
        Http = new HttpClient { BaseAddress = new Uri($"http://{options.Listen}/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public HealthProbesOptions Options { get; }

    public HttpClient Http { get; }

    public static async Task<ProbeHost> StartAsync(HealthProbesOptions options, WarmupPolicy policy)
    {
        var app = HealthProbesHost.Build(options, "test", policy, TimeProvider.System, LogLevel.Warning);
        await app.StartAsync();
        return new ProbeHost(app, options);
    }

    /// <summary>Options for a member at <paramref name="pgPort"/>, listening on a fresh port of the test range.</summary>
    public static HealthProbesOptions OptionsFor(int pgPort, string stateDir, string? password, Uri? patroni = null, int probeTimeoutMs = 1000) => new()
    {
        StackFile = "Pulumi.test.yaml",
        Group = "readers",
        PgHost = "127.0.0.1",
        PgPort = pgPort,
        PgDatabase = PgTestCluster.Database,
        PgUser = PgTestCluster.User,
        PgPassword = password,
        Listen = new IPEndPoint(IPAddress.Loopback, TestPorts.Next()),
        StateDir = stateDir,
        PatroniUrl = patroni,
        ProbeTimeout = TimeSpan.FromMilliseconds(probeTimeoutMs),
        PollInterval = TimeSpan.FromMilliseconds(100),
    };

    public static WarmupPolicy Policy(
        double maxLag = 1, double minWarm = 0.5, double grace = 1, double ioRate = 0, IReadOnlyList<string>? relations = null, bool fullStorageRead = false) =>
        new(relations, [PgTestCluster.Database], fullStorageRead, maxLag, minWarm, grace, ioRate);

    /// <summary>GET <paramref name="path"/>: the status code and the JSON body's <c>reason</c>.</summary>
    public async Task<(HttpStatusCode Status, string Reason)> GetAsync(string path)
    {
        using var response = await Http.GetAsync(path);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, body.GetProperty("reason").GetString() ?? "");
    }

    public async Task<JsonElement> StatusAsync()
    {
        using var response = await Http.GetAsync("status");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Waits until <c>/health/ready</c> answers <paramref name="status"/>; returns every reason seen on the way.</summary>
    public async Task<List<(HttpStatusCode Status, string Reason)>> WaitReadyAsync(HttpStatusCode status, TimeSpan timeout)
    {
        var seen = new List<(HttpStatusCode, string)>();
        await Poll.UntilAsync(
            async () =>
            {
                var answer = await GetAsync("health/ready");
                seen.Add(answer);
                return answer;
            },
            answer => answer.Status == status,
            timeout,
            $"/health/ready {(int)status}");
        return seen;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
