using System.Threading.RateLimiting;
using Npgsql;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Resilience.ChaosSuite.Pipeline;
using Resilience.ChaosSuite.Pipeline.ChaosInjection;
using Resilience.ChaosSuite.Pipeline.RateLimiting;
using Resilience.ChaosSuite.Tests.TestSupport;

namespace Resilience.ChaosSuite.Tests.Pipeline;

public class DatabaseClientPipelineTests
{
    private static NpgsqlException Broken() => new("connection broken", new IOException("reset"));

    private static DatabaseClientPipelineOptions Options(FakeTimeProvider? time = null) => new()
    {
        TimeProvider = time ?? FakeTimeSteps.NewClock(),
        RetryBaseDelay = TimeSpan.Zero,
        AttemptTimeout = TimeSpan.FromMinutes(10),
        CircuitMinimumThroughput = 1000,
    };

    [Fact]
    public async Task Transient_failures_are_retried_until_the_write_succeeds()
    {
        using var pipeline = new DatabaseClientPipeline<int>(Options());
        var attempts = 0;

        var result = await pipeline.WriteAsync(_ => ++attempts < 3 ? throw Broken() : ValueTask.FromResult(42), CancellationToken.None);

        Assert.Equal(42, result);
        Assert.Equal(3, attempts);
        Assert.Equal(2, pipeline.Counters.Retries);
    }

    [Fact]
    public async Task A_non_transient_error_is_not_retried()
    {
        using var pipeline = new DatabaseClientPipeline<int>(Options());
        var attempts = 0;

        var error = await Assert.ThrowsAsync<PostgresException>(async () => await pipeline.WriteAsync(_ =>
        {
            attempts++;
            throw new PostgresException("syntax error", "ERROR", "ERROR", "42601");
        }, CancellationToken.None));

        Assert.Equal("42601", error.SqlState);
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Writes_give_up_after_their_retries()
    {
        var options = Options();
        options.WriteRetryAttempts = 4;
        using var pipeline = new DatabaseClientPipeline<int>(options);
        var attempts = 0;

        await Assert.ThrowsAsync<NpgsqlException>(async () => await pipeline.WriteAsync(_ =>
        {
            attempts++;
            throw Broken();
        }, CancellationToken.None));

        Assert.Equal(5, attempts);
    }

    [Fact]
    public async Task A_read_the_read_endpoint_cannot_serve_falls_back_to_the_primary()
    {
        using var pipeline = new DatabaseClientPipeline<string>(Options());
        var targets = new List<ReadTarget>();

        var result = await pipeline.ReadAsync((target, _) =>
        {
            targets.Add(target);
            return target == ReadTarget.Primary ? ValueTask.FromResult("primary") : throw Broken();
        }, CancellationToken.None);

        Assert.Equal("primary", result);
        Assert.Equal([.. Enumerable.Repeat(ReadTarget.ReadEndpoint, 4), ReadTarget.Primary], targets);
        Assert.Equal(1, pipeline.Counters.Fallbacks);
    }

    [Fact]
    public async Task Without_the_fallback_a_failing_read_fails()
    {
        var options = Options();
        options.ReadFallbackToPrimary = false;
        using var pipeline = new DatabaseClientPipeline<string>(options);

        await Assert.ThrowsAsync<NpgsqlException>(async () => await pipeline.ReadAsync((_, _) => throw Broken(), CancellationToken.None));
        Assert.Equal(0, pipeline.Counters.Fallbacks);
    }

    [Fact]
    public async Task The_circuit_opens_on_a_failing_endpoint_and_then_spares_it()
    {
        var options = Options();
        options.CircuitMinimumThroughput = 2;
        options.CircuitFailureRatio = 0.5;
        options.WriteRetryAttempts = 10;
        using var pipeline = new DatabaseClientPipeline<int>(options);
        var attempts = 0;

        await Assert.ThrowsAsync<BrokenCircuitException>(async () => await pipeline.WriteAsync(_ =>
        {
            attempts++;
            throw Broken();
        }, CancellationToken.None));

        Assert.Equal(1, pipeline.Counters.CircuitOpenings);
        Assert.Equal(2, attempts);
        Assert.Equal(10, pipeline.Counters.Retries);
    }

    [Fact]
    public async Task An_attempt_that_hangs_is_abandoned_after_the_attempt_timeout_and_retried()
    {
        var time = FakeTimeSteps.NewClock();
        var options = Options(time);
        options.AttemptTimeout = TimeSpan.FromSeconds(2);
        using var pipeline = new DatabaseClientPipeline<int>(options);
        var attempts = 0;

        var write = pipeline.WriteAsync(async ct =>
        {
            if (++attempts == 1)
            {
                await Task.Delay(Timeout.Infinite, ct);
            }

            return 7;
        }, CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(write.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.2));

        Assert.Equal(7, await write.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(1, pipeline.Counters.Timeouts);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task The_endpoint_rate_limiter_sheds_instead_of_queueing_and_is_not_retried()
    {
        var options = Options();
        options.WriteRateLimit = new EndpointRateLimiterOptions
        {
            LimiterFactory = () => new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = 1, QueueLimit = 0 }),
        };
        using var pipeline = new DatabaseClientPipeline<int>(options);
        var release = new TaskCompletionSource<int>();
        var first = pipeline.WriteAsync(_ => new ValueTask<int>(release.Task), CancellationToken.None).AsTask();
        var attempts = 0;

        await Assert.ThrowsAsync<RateLimiterRejectedException>(async () => await pipeline.WriteAsync(_ => ValueTask.FromResult(++attempts), CancellationToken.None));
        release.SetResult(1);

        Assert.Equal(0, attempts);
        Assert.Equal(1, pipeline.Counters.Shed);
        Assert.Equal(1, await first);
    }

    [Fact]
    public async Task Simmy_faults_are_injected_below_the_retries()
    {
        var options = Options();
        options.WriteRetryAttempts = 3;
        options.Chaos = new ChaosInjectionOptions { FaultRate = 1, OutcomeRate = 0, LatencyRate = 0 };
        using var pipeline = new DatabaseClientPipeline<int>(options);
        var attempts = 0;

        var error = await Assert.ThrowsAsync<NpgsqlException>(async () => await pipeline.WriteAsync(_ => ValueTask.FromResult(++attempts), CancellationToken.None));

        Assert.Contains("injected by Simmy", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, attempts);
        Assert.Equal(4, pipeline.Counters.InjectedFaults);
        Assert.Equal(3, pipeline.Counters.Retries);
    }

    [Fact]
    public async Task Simmy_outcomes_are_retried_like_a_serialization_failure()
    {
        var options = Options();
        DatabaseClientPipeline<int>? built = null;
        options.Chaos = new ChaosInjectionOptions { FaultRate = 0, OutcomeRate = 1, LatencyRate = 0, Enabled = () => built!.Counters.InjectedOutcomes < 2 };
        using var pipeline = built = new DatabaseClientPipeline<int>(options);

        Assert.Equal(5, await pipeline.WriteAsync(_ => ValueTask.FromResult(5), CancellationToken.None));
        Assert.Equal(2, pipeline.Counters.InjectedOutcomes);
        Assert.Equal(2, pipeline.Counters.Retries);
    }

    [Fact]
    public async Task Switched_off_chaos_injects_nothing()
    {
        var options = Options();
        options.Chaos = new ChaosInjectionOptions { FaultRate = 1, OutcomeRate = 1, LatencyRate = 1, Enabled = () => false };
        using var pipeline = new DatabaseClientPipeline<int>(options);

        Assert.Equal(1, await pipeline.WriteAsync(_ => ValueTask.FromResult(1), CancellationToken.None));
        Assert.Equal(0, pipeline.Counters.InjectedFaults + pipeline.Counters.InjectedOutcomes + pipeline.Counters.InjectedLatencies);
    }

    [Fact]
    public async Task Injected_latency_longer_than_the_attempt_timeout_turns_into_a_retry()
    {
        var time = FakeTimeSteps.NewClock();
        var options = Options(time);
        options.AttemptTimeout = TimeSpan.FromSeconds(2);
        DatabaseClientPipeline<int>? built = null;
        options.Chaos = new ChaosInjectionOptions
        {
            FaultRate = 0, OutcomeRate = 0, LatencyRate = 1, Latency = TimeSpan.FromSeconds(3), Enabled = () => built!.Counters.InjectedLatencies < 1,
        };
        using var pipeline = built = new DatabaseClientPipeline<int>(options);

        var write = pipeline.WriteAsync(_ => ValueTask.FromResult(9), CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromSeconds(2.1));

        Assert.Equal(9, await write.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(1, pipeline.Counters.InjectedLatencies);
        Assert.Equal(1, pipeline.Counters.Timeouts);
    }
}
