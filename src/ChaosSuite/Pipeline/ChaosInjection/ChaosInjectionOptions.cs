using System.ComponentModel.DataAnnotations;
namespace Resilience.ChaosSuite.Pipeline.ChaosInjection;

/// <summary>
/// Application faults that Simmy (Polly.Core's chaos strategies) injects into every attempt of the
/// client pipeline, below its timeouts, retries and circuit breaker, so that those must absorb them.
/// </summary>
public sealed class ChaosInjectionOptions
{
    /// <summary>Gets or sets the share of attempts that fail as if the connection broke (an <see cref="Npgsql.NpgsqlException"/>).</summary>
    /// <value>Defaults to 0.05.</value>
    [Range(0.0, 1.0)]
    public double FaultRate { get; set; } = ChaosInjectionConstants.FaultRate;

    /// <summary>
    /// Gets or sets the share of attempts whose outcome is replaced by a server error the client must retry
    /// (SQLSTATE 40001, serialization failure).
    /// </summary>
    /// <value>Defaults to 0.05.</value>
    [Range(0.0, 1.0)]
    public double OutcomeRate { get; set; } = ChaosInjectionConstants.OutcomeRate;

    /// <summary>Gets or sets the share of attempts delayed by <see cref="Latency"/>.</summary>
    /// <value>Defaults to 0.05.</value>
    [Range(0.0, 1.0)]
    public double LatencyRate { get; set; } = ChaosInjectionConstants.LatencyRate;

    /// <summary>Gets or sets the injected delay; longer than the attempt timeout, it turns into a timeout and a retry.</summary>
    /// <value>Defaults to 3 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan Latency { get; set; } = ChaosInjectionConstants.Latency;

    /// <summary>Gets or sets whether injection is on now; read on every attempt, so a scenario can switch it on and off.</summary>
    /// <value>Defaults to always on.</value>
    [Required]
    public Func<bool> Enabled { get; set; } = static () => true;

    /// <summary>Options injecting faults, outcomes and latency each at <paramref name="rate"/>.</summary>
    public static ChaosInjectionOptions AtRate(double rate) => new() { FaultRate = rate, OutcomeRate = rate, LatencyRate = rate };
}
