namespace Resilience.ChaosSuite.Scenarios.ClusterLoss;

/// <summary>Settings of <see cref="ClusterLossScenario"/>.</summary>
internal sealed class ClusterLossOptions
{
    /// <summary>Gets or sets how long the drill waits for a first backup before refusing to lose anything.</summary>
    /// <value>Defaults to 180 seconds.</value>
    public TimeSpan BackupWait { get; set; } = ClusterLossConstants.BackupWait;

    /// <summary>Gets or sets how long past a target the drill still waits (so a miss is measured, not cut off).</summary>
    /// <value>Defaults to 60 seconds.</value>
    public TimeSpan RecoveryGrace { get; set; } = ClusterLossConstants.RecoveryGrace;

    /// <summary>Gets or sets the time beyond the targets, the backup wait and the grace after which the drill is stopped.</summary>
    /// <value>Defaults to 60 seconds.</value>
    public TimeSpan HardDeadlineMargin { get; set; } = ClusterLossConstants.HardDeadlineMargin;
}
