using System.Threading.RateLimiting;
using Polly;

namespace Resilience.ChaosSuite.Pipeline.RateLimiting;

/// <summary>A Polly.Core strategy over a System.Threading.RateLimiting limiter (Polly.RateLimiting is not reachable here).</summary>
internal sealed class EndpointRateLimiterStrategy : ResilienceStrategy
{
    private readonly RateLimiter _limiter;
    private readonly string _endpoint;
    private readonly Action<EndpointRateLimitedException>? _onRejected;

    public EndpointRateLimiterStrategy(RateLimiter limiter, string endpoint, Action<EndpointRateLimitedException>? onRejected)
    {
        _limiter = limiter;
        _endpoint = endpoint;
        _onRejected = onRejected;
    }

    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback,
        ResilienceContext context,
        TState state)
    {
        RateLimitLease lease;
        try
        {
            lease = await _limiter.AcquireAsync(1, context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
        }
        catch (OperationCanceledException e)
        {
            return Outcome.FromException<TResult>(e);
        }

        using (lease)
        {
            if (!lease.IsAcquired)
            {
                TimeSpan? retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : null;
                var rejected = new EndpointRateLimitedException(_endpoint, retryAfter);
                _onRejected?.Invoke(rejected);
                return Outcome.FromException<TResult>(rejected);
            }

            return await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        }
    }
}
