using Resilience.Topology.Options;
using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Polly;

namespace Resilience.ChaosSuite.Pipeline.RateLimiting;

/// <summary>
/// A token-bucket rate limit on one database endpoint, so that retries of many callers cannot turn a
/// failover into a retry storm against the next primary. Rejected operations are shed, not queued.
/// </summary>
public sealed class EndpointRateLimiterOptions : ResilienceStrategyOptions
{
    /// <summary>Creates the options with their defaults.</summary>
    public EndpointRateLimiterOptions() => Name = EndpointRateLimiterConstants.DefaultName;

    /// <summary>Gets or sets the sustained number of operations per second the endpoint accepts.</summary>
    /// <value>Defaults to 1000.</value>
    [Range(1, 1_000_000)]
    public int PermitsPerSecond { get; set; } = EndpointRateLimiterConstants.PermitsPerSecond;

    /// <summary>Gets or sets how many operations may run at once above the sustained rate (the bucket's size).</summary>
    /// <value>Defaults to 200.</value>
    [Range(1, 1_000_000)]
    public int Burst { get; set; } = EndpointRateLimiterConstants.Burst;

    /// <summary>Gets or sets how many operations may wait for a permit before the next ones are shed.</summary>
    /// <value>Defaults to 0: shed at once.</value>
    [Range(0, 1_000_000)]
    public int QueueLimit { get; set; } = EndpointRateLimiterConstants.QueueLimit;

    /// <summary>
    /// Gets or sets a factory for the limiter itself, replacing the token bucket built from the values above
    /// (tests pass a <see cref="ConcurrencyLimiter"/> to shed deterministically).
    /// </summary>
    /// <value>Defaults to null: a <see cref="TokenBucketRateLimiter"/> from <see cref="PermitsPerSecond"/> and <see cref="Burst"/>.</value>
    public Func<RateLimiter>? LimiterFactory { get; set; }

    /// <summary>Builds the limiter these options describe.</summary>
    /// <exception cref="OptionsValidationException">A value is out of range (every bad one is named).</exception>
    public RateLimiter CreateLimiter()
    {
        if (LimiterFactory is not null)
        {
            return LimiterFactory();
        }

        OptionsValidator.Validate(this);

        // Replenish every 100 ms: smooth enough, and a late timer on a busy machine costs little.
        const int periodsPerSecond = 10;
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Burst,
            TokensPerPeriod = Math.Max(1, PermitsPerSecond / periodsPerSecond),
            ReplenishmentPeriod = TimeSpan.FromSeconds(1.0 / periodsPerSecond),
            QueueLimit = QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }
}
