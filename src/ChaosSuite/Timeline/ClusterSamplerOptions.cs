using System.ComponentModel.DataAnnotations;
namespace Resilience.ChaosSuite.Timeline;

/// <summary>How often the platform is observed during a scenario.</summary>
internal sealed class ClusterSamplerOptions
{
    /// <summary>Gets or sets the time between two observations started; 50 ms is the 20 Hz DESIGN.md asks for.</summary>
    /// <value>Defaults to 50 milliseconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan Interval { get; set; } = ClusterSamplerConstants.Interval;

    /// <summary>
    /// Gets or sets how many observations may be in flight at once, so that one slow answer (a member
    /// timing out) does not lower the sampling rate.
    /// </summary>
    /// <value>Defaults to 4.</value>
    [Range(1, 64)]
    public int MaxConcurrentObservations { get; set; } = ClusterSamplerConstants.MaxConcurrentObservations;

    /// <summary>Gets or sets how long one observation may take before it is abandoned.</summary>
    /// <value>Defaults to 3 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ObservationTimeout { get; set; } = ClusterSamplerConstants.ObservationTimeout;
}
