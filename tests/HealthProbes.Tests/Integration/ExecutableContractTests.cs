using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Resilience.HealthProbes.Tests.Internal;
using Xunit.Abstractions;

namespace Resilience.HealthProbes.Tests.Integration;

/// <summary>The real <c>HealthProbes</c> executable with the exact options LocalCluster passes: start, endpoints, stop, exit codes.</summary>
public sealed class ExecutableContractTests(ITestOutputHelper output) : IDisposable
{
    private const string Password = "s3cret-never-printed";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "healthprobes-exe-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Serves_every_endpoint_against_a_hung_database_never_hangs_and_stops_on_sigterm()
    {
        using var blackhole = new BlackholeServer();
        var listen = TestPorts.Next();
        var stack = TestStacks.Write(_directory);
        using var child = Start(
            "--stack-file", stack, "--group", "readers", "--pg-host", "127.0.0.1", "--pg-port", Text(blackhole.Port), "--pg-database", "app",
            "--pg-user", "app", "--listen", $"127.0.0.1:{listen}", "--state-dir", Path.Combine(_directory, "member"),
            "--patroni-url", $"http://127.0.0.1:{TestPorts.Next()}", "--probe-timeout-ms", "1000");
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{listen}/"), Timeout = TimeSpan.FromSeconds(10) };
            var started = Stopwatch.StartNew();
            await Poll.UntilAsync(async () => (await http.GetAsync("health/live")).StatusCode != 0, Timeouts.ServiceStartStop, "HealthProbes answering");
            var startup = started.Elapsed;

            // Probe while every observation hangs on the database: for at least 2.5 s (several probe timeouts), and
            // until /health/live reports the hung database, to a deadline (never a fixed window that must be hit).
            const string HungReason = "database not answering: no answer within 1000 ms";
            var latencies = new List<double>();
            var probing = Stopwatch.StartNew();
            var deadline = TimeSpan.FromSeconds(2.5) + Timeouts.GateCloses;
            (HttpStatusCode Status, string? Reason, bool? Live) last = default;
            var sawHung = false;
            while (probing.Elapsed < TimeSpan.FromSeconds(2.5) || (!sawHung && probing.Elapsed < deadline))
            {
                var request = Stopwatch.StartNew();
                using var live = await http.GetAsync("health/live");
                latencies.Add(request.Elapsed.TotalMilliseconds);
                var body = await live.Content.ReadFromJsonAsync<JsonElement>();
                last = (live.StatusCode, body.TryGetProperty("reason", out var r) ? r.GetString() : null, body.TryGetProperty("live", out var l) ? l.GetBoolean() : null);
                sawHung |= last is (HttpStatusCode.ServiceUnavailable, HungReason, false);
                await Task.Delay(20);
            }

            Assert.True(sawHung, $"/health/live never reported the hung database within {deadline.TotalSeconds:0} s; last: {last}");
            latencies.Sort();
            var bound = 1000 + Timeouts.LatencySlack.TotalMilliseconds;
            Assert.True(latencies[^1] < bound, $"slowest probe {latencies[^1]:0} ms, bound {bound:0} ms: a probe must answer within the probe timeout (1000 ms) plus slack");

            using var ready = await http.GetAsync("health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            var readyBody = await ready.Content.ReadFromJsonAsync<JsonElement>();
            Assert.False(readyBody.GetProperty("ready").GetBoolean());
            Assert.Equal(["ready", "reason"], readyBody.EnumerateObject().Select(p => p.Name));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("health/primary")).StatusCode);

            var status = await http.GetStringAsync("status");
            var document = JsonDocument.Parse(status).RootElement;
            Assert.Equal("test", document.GetProperty("stack").GetString());
            Assert.Equal("unknown", document.GetProperty("role").GetString());
            Assert.Equal("relations=all", "relations=" + document.GetProperty("policy").GetProperty("relations").GetString());

            using var metrics = await http.GetAsync("metrics");
            Assert.StartsWith("text/plain; version=0.0.4", metrics.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
            var text = await metrics.Content.ReadAsStringAsync();
            Assert.Contains("healthprobes_gate_open{group=\"readers\",member=\"127.0.0.1:" + Text(blackhole.Port) + "\"} 0\n", text, StringComparison.Ordinal);
            Assert.Contains("# TYPE healthprobes_probe_duration_seconds histogram\n", text, StringComparison.Ordinal);
            Assert.Contains("healthprobes_observation_failures_total{", text, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, status + text, StringComparison.Ordinal);

            var rss = File.ReadLines($"/proc/{child.Process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            output.WriteLine($"start-up to first answer {startup.TotalMilliseconds:0} ms; probe latency median {latencies[latencies.Count / 2]:0.0} ms, max {latencies[^1]:0.0} ms; {rss}");

            Assert.True(Signals.Send(child.Process.Id, Signals.Term));
            using var exit = new CancellationTokenSource(Timeouts.ServiceStartStop);
            await child.Process.WaitForExitAsync(exit.Token);
            Assert.Equal(0, child.Process.ExitCode);
            Assert.DoesNotContain(Password, child.Output, StringComparison.Ordinal);
        }
        finally
        {
            child.Kill();
        }
    }

    [Fact]
    public async Task A_bad_option_is_one_line_on_stderr_and_exit_2()
    {
        using var child = Start("--stack-file", TestStacks.Write(_directory), "--group", "readers", "--state-dir", _directory, "--pg-port", "postgres");
        using var exit = new CancellationTokenSource(Timeouts.ServiceStartStop);
        await child.Process.WaitForExitAsync(exit.Token);

        Assert.Equal(2, child.Process.ExitCode);
        Assert.Equal("healthprobes: --pg-port must be a port number 1..65535, got 'postgres'", child.Error.TrimEnd());
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static ChildProcess Start(params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "HealthProbes"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["RESILIENCE_PGPASSWORD"] = Password;
        return new ChildProcess(Process.Start(start)!);
    }

    /// <summary>A started HealthProbes process whose output is collected; killed by pid if still running.</summary>
    private sealed class ChildProcess : IDisposable
    {
        private readonly StringBuilder _output = new();
        private readonly StringBuilder _error = new();

        public ChildProcess(Process process)
        {
            Process = process;
            process.OutputDataReceived += (_, e) => Append(_output, e.Data);
            process.ErrorDataReceived += (_, e) => Append(_error, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public string Output
        {
            get
            {
                Process.WaitForExit();
                lock (_output)
                {
                    return _output.ToString() + Error;
                }
            }
        }

        public string Error
        {
            get
            {
                Process.WaitForExit();
                lock (_error)
                {
                    return _error.ToString();
                }
            }
        }

        public void Kill()
        {
            if (!Process.HasExited)
            {
                Process.Kill();
                Process.WaitForExit();
            }
        }

        public void Dispose()
        {
            Kill();
            Process.Dispose();
        }

        private static void Append(StringBuilder builder, string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (builder)
            {
                builder.Append(line).Append('\n');
            }
        }
    }
}
