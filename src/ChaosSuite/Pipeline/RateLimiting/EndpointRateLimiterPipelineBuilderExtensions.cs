using System.Threading.RateLimiting;
using Polly;

namespace Resilience.ChaosSuite.Pipeline.RateLimiting;

/// <summary>Adds an endpoint rate limiter to a Polly.Core pipeline.</summary>
public static class EndpointRateLimiterPipelineBuilderExtensions
{
    /// <summary>
    /// Adds <paramref name="limiter"/> as the rate limit of the endpoint named <paramref name="endpoint"/>:
    /// an operation without a permit fails with <see cref="EndpointRateLimitedException"/> instead of
    /// reaching the database. The caller owns the limiter and disposes it with the pipeline.
    /// </summary>
    public static TBuilder AddEndpointRateLimiter<TBuilder>(
        this TBuilder builder,
        string endpoint,
        RateLimiter limiter,
        Action<EndpointRateLimitedException>? onRejected = null)
        where TBuilder : ResiliencePipelineBuilderBase
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(limiter);
        return builder.AddStrategy(
            _ => new EndpointRateLimiterStrategy(limiter, endpoint, onRejected),
            new EndpointRateLimiterOptions { Name = $"{EndpointRateLimiterConstants.DefaultName}:{endpoint}" });
    }
}
