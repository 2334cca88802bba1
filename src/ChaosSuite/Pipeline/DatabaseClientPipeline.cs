using Resilience.Topology.Options;
using System.Threading.RateLimiting;
using Polly;
using Polly.CircuitBreaker;
using Polly.Fallback;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;
using Resilience.ChaosSuite.Pipeline.ChaosInjection;

namespace Resilience.ChaosSuite.Pipeline;

/// <summary>
/// The client side of the resilience stack, as an application should copy it: one Polly.Core pipeline
/// per endpoint. From the outside in:
/// <list type="number">
/// <item>reads only: fallback to the primary when the read endpoint cannot serve;</item>
/// <item>retry with exponential backoff and jitter (transient errors only, see <see cref="TransientDatabaseErrors"/>);</item>
/// <item>circuit breaker per endpoint, so a dead endpoint fails fast instead of holding connections;</item>
/// <item>rate limiter per endpoint (Polly.RateLimiting over a token bucket, shedding with <see cref="RateLimiterRejectedException"/>), so every attempt, retries included, takes a permit (no retry storms);</item>
/// <item>a timeout per attempt, so a hung server (a frozen primary) costs seconds, not minutes;</item>
/// <item>optionally, Simmy's chaos strategies, innermost, where real database faults would come from.</item>
/// </list>
/// </summary>
/// <typeparam name="TResult">What an operation returns.</typeparam>
public sealed class DatabaseClientPipeline<TResult> : IDisposable
{
    private static readonly ResiliencePropertyKey<Func<ReadTarget, CancellationToken, ValueTask<TResult>>> ReadQueryKey = new("database-client.read-query");

    private readonly RateLimiter _writeLimiter;
    private readonly RateLimiter _readLimiter;
    private readonly ResiliencePipeline<TResult> _writes;
    private readonly ResiliencePipeline<TResult> _reads;

    /// <summary>Builds both endpoints' pipelines from <paramref name="options"/>.</summary>
    public DatabaseClientPipeline(DatabaseClientPipelineOptions options, PipelineCounters? counters = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        OptionsValidator.Validate(options);
        Counters = counters ?? new PipelineCounters();
        _writeLimiter = options.WriteRateLimit.CreateLimiter();
        _readLimiter = options.ReadRateLimit.CreateLimiter();
        _writes = BuildEndpoint(options, DatabaseClientPipelineConstants.WriteEndpointName, _writeLimiter, options.WriteRateLimit.Name, options.WriteRetryAttempts).Build();

        var reads = new ResiliencePipelineBuilder<TResult> { TimeProvider = options.TimeProvider };
        if (options.ReadFallbackToPrimary)
        {
            reads.AddFallback(new FallbackStrategyOptions<TResult>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && TransientDatabaseErrors.IsTransient(e)),
                FallbackAction = ReadFromPrimaryAsync,
                OnFallback = _ =>
                {
                    Counters.Fallback();
                    return default;
                },
            });
        }

        _reads = reads.AddPipeline(BuildEndpoint(options, DatabaseClientPipelineConstants.ReadEndpointName, _readLimiter, options.ReadRateLimit.Name, options.ReadRetryAttempts).Build()).Build();
    }

    /// <summary>The write endpoint's pipeline (tests pin its strategy order with Polly.Testing).</summary>
    internal ResiliencePipeline<TResult> WritePipeline => _writes;

    /// <summary>The read endpoint's pipeline: the fallback around the read endpoint's own strategies.</summary>
    internal ResiliencePipeline<TResult> ReadPipeline => _reads;

    /// <summary>What the pipeline has done so far.</summary>
    public PipelineCounters Counters { get; }

    /// <summary>Runs <paramref name="command"/> against the write endpoint; every attempt calls it again.</summary>
    public ValueTask<TResult> WriteAsync(Func<CancellationToken, ValueTask<TResult>> command, CancellationToken cancellationToken) =>
        _writes.ExecuteAsync(static (command, ct) => command(ct), command, cancellationToken);

    /// <summary>
    /// Runs <paramref name="query"/> against the read endpoint; when that fails after the retries, runs it
    /// once more through the write endpoint's pipeline with <see cref="ReadTarget.Primary"/>.
    /// </summary>
    public async ValueTask<TResult> ReadAsync(Func<ReadTarget, CancellationToken, ValueTask<TResult>> query, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        try
        {
            context.Properties.Set(ReadQueryKey, query);
            var outcome = await _reads.ExecuteOutcomeAsync(
                static async (ctx, query) =>
                {
                    try
                    {
                        return Outcome.FromResult(await query(ReadTarget.ReadEndpoint, ctx.CancellationToken));
                    }
#pragma warning disable CA1031 // Every failure becomes an outcome the strategies judge.
                    catch (Exception e)
#pragma warning restore CA1031
                    {
                        return Outcome.FromException<TResult>(e);
                    }
                },
                context,
                query);
            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _writeLimiter.Dispose();
        _readLimiter.Dispose();
    }

    private async ValueTask<Outcome<TResult>> ReadFromPrimaryAsync(FallbackActionArguments<TResult> args)
    {
        var query = args.Context.Properties.GetValue(ReadQueryKey, null!);
        try
        {
            return Outcome.FromResult(await _writes.ExecuteAsync(static (query, ct) => query(ReadTarget.Primary, ct), query, args.Context.CancellationToken));
        }
#pragma warning disable CA1031 // The fallback's own failure is the read's final outcome.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Outcome.FromException<TResult>(e);
        }
    }

    private ResiliencePipelineBuilder<TResult> BuildEndpoint(DatabaseClientPipelineOptions options, string endpoint, RateLimiter limiter, string? limiterName, int retries)
    {
        var builder = new ResiliencePipelineBuilder<TResult> { TimeProvider = options.TimeProvider, Name = endpoint };
        var retry = new RetryStrategyOptions<TResult>
        {
            MaxRetryAttempts = retries,
            Delay = options.RetryBaseDelay,
            MaxDelay = options.RetryMaxDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && TransientDatabaseErrors.IsTransient(e)),
            OnRetry = _ =>
            {
                Counters.Retry();
                return default;
            },
        };
        if (options.Randomizer is not null)
        {
            retry.Randomizer = options.Randomizer;
        }

        builder
            .AddRetry(retry)
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<TResult>
            {
                FailureRatio = options.CircuitFailureRatio,
                MinimumThroughput = options.CircuitMinimumThroughput,
                SamplingDuration = options.CircuitSamplingDuration,
                BreakDuration = options.CircuitBreakDuration,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && TransientDatabaseErrors.CountsAgainstEndpoint(e)),
                OnOpened = _ =>
                {
                    Counters.CircuitOpened();
                    return default;
                },
            })
            .AddRateLimiter(new RateLimiterStrategyOptions
            {
                Name = $"{limiterName}:{endpoint}",
                RateLimiter = args => limiter.AcquireAsync(1, args.Context.CancellationToken),
                OnRejected = _ =>
                {
                    Counters.Shedding();
                    return default;
                },
            })
            .AddTimeout(new TimeoutStrategyOptions
            {
                Timeout = options.AttemptTimeout,
                OnTimeout = _ =>
                {
                    Counters.Timeout();
                    return default;
                },
            });
        if (options.Chaos is not null)
        {
            builder.AddDatabaseChaos(options.Chaos, Counters, options.Randomizer);
        }

        return builder;
    }
}
