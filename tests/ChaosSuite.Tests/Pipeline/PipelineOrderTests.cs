using Polly.CircuitBreaker;
using Polly.Fallback;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Simmy.Behavior;
using Polly.Simmy.Fault;
using Polly.Simmy.Latency;
using Polly.Simmy.Outcomes;
using Polly.Testing;
using Polly.Timeout;
using Resilience.ChaosSuite.Pipeline;
using Resilience.ChaosSuite.Pipeline.ChaosInjection;

namespace Resilience.ChaosSuite.Tests.Pipeline;

/// <summary>The client pipeline's strategy order, outermost first, pinned with Polly.Testing (README "The client pipeline").</summary>
public class PipelineOrderTests
{
    [Fact]
    public void Writes_run_retry_then_circuit_breaker_then_rate_limiter_then_attempt_timeout()
    {
        using var pipeline = new DatabaseClientPipeline<int>(new DatabaseClientPipelineOptions());

        var strategies = pipeline.WritePipeline.GetPipelineDescriptor().Strategies.Select(s => s.Options?.GetType()).ToList();

        Assert.Equal(
            [typeof(RetryStrategyOptions<int>), typeof(CircuitBreakerStrategyOptions<int>), typeof(RateLimiterStrategyOptions), typeof(TimeoutStrategyOptions)],
            strategies);
    }

    [Fact]
    public void Reads_add_the_fallback_to_the_primary_outside_the_read_endpoints_own_strategies()
    {
        using var pipeline = new DatabaseClientPipeline<int>(new DatabaseClientPipelineOptions());

        var strategies = pipeline.ReadPipeline.GetPipelineDescriptor().Strategies.Select(s => s.Options?.GetType()).ToList();

        Assert.Equal(
            [typeof(FallbackStrategyOptions<int>), typeof(RetryStrategyOptions<int>), typeof(CircuitBreakerStrategyOptions<int>), typeof(RateLimiterStrategyOptions), typeof(TimeoutStrategyOptions)],
            strategies);
    }

    [Fact]
    public void Simmy_is_innermost_where_real_database_faults_come_from()
    {
        using var pipeline = new DatabaseClientPipeline<int>(new DatabaseClientPipelineOptions { Chaos = new ChaosInjectionOptions() });

        var strategies = pipeline.WritePipeline.GetPipelineDescriptor().Strategies.Select(s => s.Options?.GetType()).ToList();

        Assert.Equal([typeof(RetryStrategyOptions<int>), typeof(CircuitBreakerStrategyOptions<int>), typeof(RateLimiterStrategyOptions), typeof(TimeoutStrategyOptions)], strategies.Take(4));
        Assert.All(strategies.Skip(4), t => Assert.True(
            t == typeof(ChaosFaultStrategyOptions) || t == typeof(ChaosOutcomeStrategyOptions<int>) || t == typeof(ChaosLatencyStrategyOptions) || t == typeof(ChaosBehaviorStrategyOptions),
            $"{t} after the attempt timeout is not a Simmy strategy"));
        Assert.NotEmpty(strategies.Skip(4));
    }
}
