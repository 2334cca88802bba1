using System.ComponentModel.DataAnnotations;
using Resilience.Topology.Options;
using Resilience.ChaosSuite.Pipeline.ChaosInjection;
using Resilience.ChaosSuite.Pipeline.RateLimiting;

namespace Resilience.ChaosSuite.Pipeline;

/// <summary>
/// Settings of <see cref="DatabaseClientPipeline{TResult}"/>. The defaults ride through a loopback
/// failover of a few seconds: writes retry for about eight seconds, reads retry three times and then
/// fall back to the primary.
/// </summary>
public sealed class DatabaseClientPipelineOptions
{
    /// <summary>Gets or sets the time one attempt (connect and run) may take before it is abandoned and retried.</summary>
    /// <value>Defaults to 2 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan AttemptTimeout { get; set; } = DatabaseClientPipelineConstants.AttemptTimeout;

    /// <summary>Gets or sets how many times a failed write is retried.</summary>
    /// <value>Defaults to 10.</value>
    [Range(1, 1000)]
    public int WriteRetryAttempts { get; set; } = DatabaseClientPipelineConstants.WriteRetryAttempts;

    /// <summary>Gets or sets how many times a failed read is retried on the read endpoint before the fallback.</summary>
    /// <value>Defaults to 3.</value>
    [Range(1, 1000)]
    public int ReadRetryAttempts { get; set; } = DatabaseClientPipelineConstants.ReadRetryAttempts;

    /// <summary>Gets or sets the first retry's delay; later ones grow exponentially, with jitter.</summary>
    /// <value>Defaults to 100 milliseconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = DatabaseClientPipelineConstants.RetryBaseDelay;

    /// <summary>Gets or sets the longest delay between two attempts.</summary>
    /// <value>Defaults to 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = DatabaseClientPipelineConstants.RetryMaxDelay;

    /// <summary>Gets or sets the share of failed attempts, over <see cref="CircuitSamplingDuration"/>, that opens an endpoint's circuit.</summary>
    /// <value>Defaults to 0.5.</value>
    [Range(0.0, 1.0)]
    public double CircuitFailureRatio { get; set; } = DatabaseClientPipelineConstants.CircuitFailureRatio;

    /// <summary>Gets or sets how many attempts the sampling window must hold before the circuit may open.</summary>
    /// <value>Defaults to 20.</value>
    [Range(2, int.MaxValue)]
    public int CircuitMinimumThroughput { get; set; } = DatabaseClientPipelineConstants.CircuitMinimumThroughput;

    /// <summary>Gets or sets the window over which the failure ratio is computed.</summary>
    /// <value>Defaults to 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00")]
    public TimeSpan CircuitSamplingDuration { get; set; } = DatabaseClientPipelineConstants.CircuitSamplingDuration;

    /// <summary>Gets or sets how long an open circuit rejects attempts before letting one through.</summary>
    /// <value>Defaults to 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00.500", "1.00:00:00")]
    public TimeSpan CircuitBreakDuration { get; set; } = DatabaseClientPipelineConstants.CircuitBreakDuration;

    /// <summary>Gets or sets whether a read that failed on the read endpoint is served by the primary instead.</summary>
    /// <value>Defaults to true.</value>
    public bool ReadFallbackToPrimary { get; set; } = true;

    /// <summary>Gets or sets the write endpoint's rate limit.</summary>
    /// <value>Defaults to 500 operations per second, burst 200, no queue.</value>
    [Required]
    [ValidateMembers]
    public EndpointRateLimiterOptions WriteRateLimit { get; set; } = new() { PermitsPerSecond = DatabaseClientPipelineConstants.WritePermitsPerSecond };

    /// <summary>Gets or sets the read endpoint's rate limit.</summary>
    /// <value>Defaults to 1000 operations per second, burst 200, no queue.</value>
    [Required]
    [ValidateMembers]
    public EndpointRateLimiterOptions ReadRateLimit { get; set; } = new() { PermitsPerSecond = DatabaseClientPipelineConstants.ReadPermitsPerSecond };

    /// <summary>Gets or sets application faults injected with Simmy into every attempt (the app-faults scenario).</summary>
    /// <value>Defaults to null: nothing injected.</value>
    [ValidateMembers]
    public ChaosInjectionOptions? Chaos { get; set; }

    /// <summary>Gets or sets the random source of retry jitter and chaos injection, for reproducible runs.</summary>
    /// <value>Defaults to null: Polly's own.</value>
    public Func<double>? Randomizer { get; set; }

    /// <summary>Gets or sets the clock of timeouts, delays and the circuit breaker.</summary>
    /// <value>Defaults to <see cref="TimeProvider.System"/>.</value>
    [Required]
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
