using System.Net;
using System.Text.Json;
using Resilience.HealthProbes.Tests.Internal;

namespace Resilience.HealthProbes.Tests.Integration;

/// <summary>The gate on a real streaming replica: warm-up, minimum warm time, lag with hysteresis, primary loss, a hung server.</summary>
[Collection(PgClusterCollection.Name)]
public sealed class ReplicaGateTests(PgTestCluster cluster)
{
    [Fact]
    public async Task Gate_is_closed_during_warmup_and_opens_after_it_and_the_minimum_warm_time()
    {
        // Paced at 8 MB/s, the ~20 MB warm-up takes >= 2 s: long enough to be seen, whatever the machine's speed.
        var policy = ProbeHost.Policy(minWarm: 1, ioRate: 8);
        await using var host = await ProbeHost.StartAsync(ProbeHost.OptionsFor(cluster.Replica.Port, cluster.NewStateDir(), cluster.Password), policy);

        var seen = await host.WaitReadyAsync(HttpStatusCode.OK, Timeouts.GateOpens);

        var closed = seen.Where(s => s.Status == HttpStatusCode.ServiceUnavailable).Select(s => s.Reason).ToList();
        Assert.Contains(closed, r => r.StartsWith("warming: ", StringComparison.Ordinal) && r.Contains("% of ", StringComparison.Ordinal));
        Assert.Contains(closed, r => r.StartsWith("warm for ", StringComparison.Ordinal));
        var status = await host.StatusAsync();
        var warmup = status.GetProperty("warmup");
        Assert.Equal("complete", warmup.GetProperty("phase").GetString());
        Assert.False(warmup.GetProperty("restored").GetBoolean());
        var bytes = warmup.GetProperty("bytesTotal").GetInt64();
        Assert.InRange(bytes, 15_000_000, 40_000_000);
        // The I/O bound holds: 8 MB/s means at least bytes / 8e6 seconds.
        Assert.True(warmup.GetProperty("durationSeconds").GetDouble() >= bytes / 8e6 * 0.9, warmup.ToString());
        var gate = status.GetProperty("gate");
        var warmFor = gate.GetProperty("changedAt").GetDateTimeOffset() - warmup.GetProperty("completedAt").GetDateTimeOffset();
        Assert.True(warmFor >= TimeSpan.FromSeconds(0.9), $"gate opened {warmFor.TotalSeconds:0.000} s after the warm-up completed; minWarmSeconds is 1");
        Assert.Equal("replica", status.GetProperty("role").GetString());
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "replica: in recovery"), await host.GetAsync("health/primary"));
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("health/live")).Status);
    }

    [Fact]
    public async Task Primary_answers_primary_200_and_ready_503()
    {
        await using var host = await ProbeHost.StartAsync(ProbeHost.OptionsFor(cluster.Primary.Port, cluster.NewStateDir(), cluster.Password), ProbeHost.Policy());

        var primary = await Poll.UntilAsync(() => host.GetAsync("health/primary"), a => a.Status == HttpStatusCode.OK, Timeouts.GateOpens, "/health/primary 200");

        Assert.Equal("writable primary", primary.Reason);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "primary: reads go to replicas"), await host.GetAsync("health/ready"));
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("health/live")).Status);
        var status = await host.StatusAsync();
        Assert.Equal("primary", status.GetProperty("role").GetString());
        Assert.Equal("waiting", status.GetProperty("warmup").GetProperty("phase").GetString());
    }

    [Fact]
    public async Task Paused_replay_closes_the_gate_only_after_the_lag_grace_period()
    {
        var policy = ProbeHost.Policy(maxLag: 1, minWarm: 0.2, grace: 1);
        await using var host = await ProbeHost.StartAsync(ProbeHost.OptionsFor(cluster.Replica.Port, cluster.NewStateDir(), cluster.Password), policy);
        await host.WaitReadyAsync(HttpStatusCode.OK, Timeouts.GateOpens);
        using var writes = new CancellationTokenSource();
        try
        {
            await cluster.ExecuteAsync(cluster.Replica, "SELECT pg_wal_replay_pause()");
            var paused = DateTimeOffset.UtcNow;
            var writer = WriteContinuouslyAsync(writes.Token);

            var seen = await host.WaitReadyAsync(HttpStatusCode.ServiceUnavailable, Timeouts.GateCloses);
            var closedAfter = DateTimeOffset.UtcNow - paused;

            Assert.Matches(@"^lag \d+\.\d s > 1 s for \d+\.\d s$", seen[^1].Reason);
            // Lag passes the 1 s bound about 1 s after the first unreplayed write; the gate then waits out the 1 s grace.
            Assert.True(closedAfter >= TimeSpan.FromSeconds(1.5), $"closed {closedAfter.TotalSeconds:0.00} s after the pause: the grace period was not honoured");
            Assert.Contains(seen, s => s.Status == HttpStatusCode.OK && s.Reason.StartsWith("open, lag ", StringComparison.Ordinal));
            writes.Cancel();
            await writer;
        }
        finally
        {
            await writes.CancelAsync();
            await cluster.ExecuteAsync(cluster.Replica, "SELECT pg_wal_replay_resume()");
        }

        await host.WaitReadyAsync(HttpStatusCode.OK, Timeouts.GateOpens);
    }

    [Fact]
    public async Task Stopping_the_primary_closes_the_gate()
    {
        await using var host = await ProbeHost.StartAsync(ProbeHost.OptionsFor(cluster.Replica.Port, cluster.NewStateDir(), cluster.Password), ProbeHost.Policy(minWarm: 0.2));
        await host.WaitReadyAsync(HttpStatusCode.OK, Timeouts.GateOpens);
        try
        {
            await cluster.Primary.StopAsync(Signals.Int);

            var seen = await host.WaitReadyAsync(HttpStatusCode.ServiceUnavailable, Timeouts.GateCloses);

            Assert.Equal("not streaming", seen[^1].Reason);
            Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("health/live")).Status);
        }
        finally
        {
            await cluster.EnsurePrimaryRunningAsync();
        }

        await host.WaitReadyAsync(HttpStatusCode.OK, Timeouts.GateOpens);
    }

    [Fact]
    public async Task A_frozen_replica_gives_503_within_the_probe_timeout_and_no_probe_hangs()
    {
        await using var host = await ProbeHost.StartAsync(ProbeHost.OptionsFor(cluster.Replica.Port, cluster.NewStateDir(), cluster.Password), ProbeHost.Policy(minWarm: 0.2));
        await host.WaitReadyAsync(HttpStatusCode.OK, Timeouts.GateOpens);
        var slowest = TimeSpan.Zero;
        try
        {
            cluster.Replica.Freeze();
            var frozen = DateTimeOffset.UtcNow;

            var answer = await Poll.UntilAsync(
                async () =>
                {
                    var started = DateTimeOffset.UtcNow;
                    var result = await host.GetAsync("health/ready");
                    slowest = TimeSpan.FromTicks(Math.Max(slowest.Ticks, (DateTimeOffset.UtcNow - started).Ticks));
                    return result;
                },
                a => a.Status == HttpStatusCode.ServiceUnavailable,
                Timeouts.GateCloses,
                "/health/ready 503 while frozen");
            var closedAfter = DateTimeOffset.UtcNow - frozen;

            Assert.StartsWith("database not answering", answer.Reason, StringComparison.Ordinal);
            // Timeout 1 s, plus one poll interval (0.1 s) and scheduling slack.
            Assert.True(closedAfter < TimeSpan.FromSeconds(1.1) + Timeouts.Slack, $"503 only {closedAfter.TotalSeconds:0.00} s after the freeze");
            Assert.True(slowest < TimeSpan.FromSeconds(1), $"a probe took {slowest.TotalMilliseconds:0} ms");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await host.GetAsync("health/live")).Status);
        }
        finally
        {
            cluster.Replica.Thaw();
        }

        await host.WaitReadyAsync(HttpStatusCode.OK, Timeouts.GateOpens);
    }

    private async Task WriteContinuouslyAsync(CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            await cluster.ExecuteAsync(cluster.Primary, "INSERT INTO public.writes DEFAULT VALUES");
            try
            {
                await Task.Delay(100, token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
