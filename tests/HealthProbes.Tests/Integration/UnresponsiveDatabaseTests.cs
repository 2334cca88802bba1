using System.Diagnostics;
using System.Net;
using Resilience.HealthProbes.Tests.Internal;

namespace Resilience.HealthProbes.Tests.Integration;

/// <summary>A database that never answers, or a port nobody accepts on: 503 within the probe timeout, and no probe waits for the database.</summary>
public sealed class UnresponsiveDatabaseTests : IDisposable
{
    private readonly string _state = Path.Combine(Path.GetTempPath(), "healthprobes-unresponsive-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_state))
        {
            Directory.Delete(_state, recursive: true);
        }
    }

    [Fact]
    public async Task A_server_that_never_answers_gives_503_within_the_timeout_and_probes_never_hang()
    {
        using var blackhole = new BlackholeServer();
        var options = ProbeHost.OptionsFor(blackhole.Port, _state, "irrelevant");
        await using var host = await ProbeHost.StartAsync(options, ProbeHost.Policy());
        var started = Stopwatch.StartNew();
        var slowest = TimeSpan.Zero;

        var (status, reason) = await Poll.UntilAsync(
            async () =>
            {
                var request = Stopwatch.StartNew();
                var answer = await host.GetAsync("health/live");
                slowest = request.Elapsed > slowest ? request.Elapsed : slowest;
                return answer;
            },
            a => a.Reason.Contains("no answer within 1000 ms", StringComparison.Ordinal),
            Timeouts.GateCloses,
            "/health/live reports the timeout");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("database not answering: no answer within 1000 ms", reason);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(1) + Timeouts.Slack, $"the timeout was reported after {started.Elapsed.TotalSeconds:0.00} s");
        // Probes read the latest observation: none waits for the hung database, let alone for the whole timeout.
        Assert.True(slowest < TimeSpan.FromSeconds(1), $"a probe request took {slowest.TotalMilliseconds:0} ms");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await host.GetAsync("health/ready")).Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await host.GetAsync("health/primary")).Status);
        // Each observation is cut at the timeout: it never runs (much) longer.
        var observation = (await host.StatusAsync()).GetProperty("observationMs").GetDouble();
        Assert.InRange(observation, 900, 1600);
    }

    [Fact]
    public async Task A_port_nobody_accepts_on_gives_503_at_once()
    {
        var options = ProbeHost.OptionsFor(TestPorts.Next(), _state, "irrelevant");
        await using var host = await ProbeHost.StartAsync(options, ProbeHost.Policy());
        var started = Stopwatch.StartNew();

        var (status, reason) = await Poll.UntilAsync(
            () => host.GetAsync("health/ready"),
            a => a.Reason.StartsWith("database not answering: ", StringComparison.Ordinal),
            Timeouts.GateCloses,
            "/health/ready reports the refused connection");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("refused", reason, StringComparison.OrdinalIgnoreCase);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(1) + Timeouts.Slack, $"reported after {started.Elapsed.TotalSeconds:0.00} s");
    }
}
