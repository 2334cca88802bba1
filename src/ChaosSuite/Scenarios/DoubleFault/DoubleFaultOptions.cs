namespace Resilience.ChaosSuite.Scenarios.DoubleFault;

/// <summary>Settings of <see cref="DoubleFaultScenario"/>.</summary>
internal sealed class DoubleFaultOptions
{
    /// <summary>Gets or sets the time between the replica's loss and the primary's (zero: as near together as the platform allows).</summary>
    /// <value>Defaults to 0.2 seconds.</value>
    public TimeSpan Gap { get; set; } = DoubleFaultConstants.Gap;

    /// <summary>Gets or sets the group that loses a replica.</summary>
    /// <value>Defaults to null: the stack's first replica group.</value>
    public string? Group { get; set; }

    /// <summary>Gets or sets how long past a target the scenario still waits for the event (so a miss is measured, not cut off).</summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan RecoveryGrace { get; set; } = DoubleFaultConstants.RecoveryGrace;

    /// <summary>Gets or sets the time beyond the targets and grace after which the scenario is stopped.</summary>
    /// <value>Defaults to 60 seconds.</value>
    public TimeSpan HardDeadlineMargin { get; set; } = DoubleFaultConstants.HardDeadlineMargin;

    /// <summary>
    /// Gets or sets the safety stop: no primary for this many times the writeUnavailableSeconds target means
    /// the stack is stuck (no safe failover candidate); the scenario stops and restores what it can.
    /// </summary>
    /// <value>Defaults to 4.</value>
    public double NoPrimaryStopFactor { get; set; } = DoubleFaultConstants.NoPrimaryStopFactor;
}
