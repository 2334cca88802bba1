namespace Resilience.ChaosSuite.Scenarios.PrimaryFailure;

/// <summary>Settings of <see cref="PrimaryFailure"/>.</summary>
internal sealed class PrimaryFailureOptions
{
    /// <summary>Gets or sets how long past a target the scenario still waits for the event (so a miss is measured, not cut off).</summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan RecoveryGrace { get; set; } = PrimaryFailureConstants.RecoveryGrace;

    /// <summary>Gets or sets the time beyond the targets and grace after which the scenario is stopped.</summary>
    /// <value>Defaults to 60 seconds.</value>
    public TimeSpan HardDeadlineMargin { get; set; } = PrimaryFailureConstants.HardDeadlineMargin;

    /// <summary>
    /// Gets or sets the safety stop: no primary for this many times the writeUnavailableSeconds target
    /// means the failover itself failed; the scenario stops and restores.
    /// </summary>
    /// <value>Defaults to 4.</value>
    public double NoPrimaryStopFactor { get; set; } = PrimaryFailureConstants.NoPrimaryStopFactor;
}
