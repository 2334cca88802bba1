using Resilience.Topology;

namespace Resilience.ChaosSuite.Scenarios.PrimaryDegradedHost;

/// <summary>Settings of <see cref="PrimaryDegradedHostScenario"/>.</summary>
internal sealed class PrimaryDegradedHostOptions
{
    /// <summary>Gets or sets the metrics whose alarms (greater-than) count as detecting the sick host.</summary>
    /// <value>Defaults to commit latency: a starved primary is slow, not busy, so CPU alarms stay quiet.</value>
    public IReadOnlyList<AlarmMetric> AlarmMetrics { get; set; } = PrimaryDegradedHostConstants.AlarmMetrics;

    /// <summary>
    /// Gets or sets how long past the alarmDetectSeconds target the scenario waits for the alarm before it runs the
    /// runbook anyway (so the switchover and the replacement are still measured when detection missed).
    /// </summary>
    /// <value>Defaults to 15 seconds.</value>
    public TimeSpan AlarmGrace { get; set; } = PrimaryDegradedHostConstants.AlarmGrace;

    /// <summary>Gets or sets how long past a target the scenario still waits for the event (so a miss is measured, not cut off).</summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan RecoveryGrace { get; set; } = PrimaryDegradedHostConstants.RecoveryGrace;

    /// <summary>Gets or sets the time beyond the waits after which the scenario is stopped.</summary>
    /// <value>Defaults to 60 seconds.</value>
    public TimeSpan HardDeadlineMargin { get; set; } = PrimaryDegradedHostConstants.HardDeadlineMargin;

    /// <summary>
    /// Gets or sets the safety stop once the switchover was requested: no primary for this many times the
    /// switchoverWriteUnavailableSeconds target (at least 5 s) means the switchover failed; the scenario stops and restores.
    /// </summary>
    /// <value>Defaults to 4.</value>
    public double NoPrimaryStopFactor { get; set; } = PrimaryDegradedHostConstants.NoPrimaryStopFactor;
}
