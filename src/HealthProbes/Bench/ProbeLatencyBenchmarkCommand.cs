using System.CommandLine;
using Resilience.HealthProbes.Cli;
using Resilience.HealthProbes.Internal;
using Resilience.Topology.Time;

namespace Resilience.HealthProbes.Bench;

/// <summary><c>bench-probe</c>: HTTP latency of a probe endpoint (median, p95, p99, max) over a period, e.g. while the member is under load.</summary>
internal static class ProbeLatencyBenchmarkCommand
{
    public static Command Create(TextWriter error)
    {
        var command = new Command("bench-probe", "Measure a probe endpoint's latency (run while the member is under load).");
        var url = new Option<string>("--url") { Description = "the endpoint (default http://127.0.0.1:8098/health/ready)", DefaultValueFactory = _ => $"http://{HealthProbesConstants.Listen}/health/ready" };
        var seconds = new Option<int>("--seconds") { Description = "how long to measure (default 10)", DefaultValueFactory = _ => 10 };
        var concurrency = new Option<int>("--concurrency") { Description = "parallel clients (default 1)", DefaultValueFactory = _ => 1 };
        var interval = new Option<int>("--interval-ms") { Description = "pause between a client's requests, like a health checker (default 10; 0 = back to back)", DefaultValueFactory = _ => 10 };
        command.Add(url);
        command.Add(seconds);
        command.Add(concurrency);
        command.Add(interval);
        command.SetAction((parse, token) => HealthProbesCommand.Guarded(error, () =>
        {
            var target = parse.GetValue(url)!;
            if (!Uri.TryCreate(target, UriKind.Absolute, out var uri))
            {
                throw new UsageException($"--url must be an absolute URL, got '{target}'");
            }

            var (duration, clients, pause) = (parse.GetValue(seconds), parse.GetValue(concurrency), parse.GetValue(interval));
            return duration < 1 || clients < 1 || pause < 0
                ? throw new UsageException("--seconds and --concurrency must be >= 1, --interval-ms >= 0")
                : RunAsync(uri, TimeSpan.FromSeconds(duration), clients, TimeSpan.FromMilliseconds(pause), token);
        }));
        return command;
    }

    private static async Task<int> RunAsync(Uri uri, TimeSpan duration, int clients, TimeSpan pause, CancellationToken token)
    {
        var clock = new MonotonicClock(TimeProvider.System);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var end = clock.Now + duration;
        var results = await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            var samples = new List<(double Ms, int Status)>();
            while (clock.Now < end && !token.IsCancellationRequested)
            {
                var started = clock.Now;
                int status;
                try
                {
                    using var response = await http.GetAsync(uri, token).ConfigureAwait(false);
                    await response.Content.ReadAsStringAsync(token).ConfigureAwait(false);
                    status = (int)response.StatusCode;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !token.IsCancellationRequested)
                {
                    status = 0;
                }

                samples.Add(((clock.Now - started).TotalMilliseconds, status));
                if (pause > TimeSpan.Zero)
                {
                    await Task.Delay(pause, token).ConfigureAwait(false);
                }
            }

            return samples;
        })).ConfigureAwait(false);

        var all = results.SelectMany(r => r).ToList();
        if (all.Count == 0)
        {
            Console.WriteLine("no requests completed");
            return 1;
        }

        var sorted = all.Select(s => s.Ms).Order().ToArray();
        double Quantile(double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Floor(q * sorted.Length))];
        var statuses = string.Join(", ", all.GroupBy(s => s.Status).OrderBy(g => g.Key).Select(g => $"{(g.Key == 0 ? "error" : g.Key)}: {g.Count()}"));
        Console.WriteLine($"probe latency {uri} over {duration.TotalSeconds:0} s, {clients} client(s) every {pause.TotalMilliseconds:0} ms: {all.Count} requests ({statuses})");
        Console.WriteLine($"  median {Quantile(0.5):0.00} ms, p95 {Quantile(0.95):0.00} ms, p99 {Quantile(0.99):0.00} ms, max {sorted[^1]:0.00} ms");
        return 0;
    }
}
