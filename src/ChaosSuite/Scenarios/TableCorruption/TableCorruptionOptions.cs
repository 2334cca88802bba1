namespace Resilience.ChaosSuite.Scenarios.TableCorruption;

/// <summary>Settings of <see cref="TableCorruptionScenario"/>.</summary>
internal sealed class TableCorruptionOptions
{
    /// <summary>Gets or sets what the bad statement does.</summary>
    /// <value>Defaults to null: chosen by the run's seed (<c>--seed</c>), so game-days alternate between both.</value>
    public CorruptionVariant? Variant { get; set; }

    /// <summary>Gets or sets the share of the workload's rows the bad statement hits (0..1].</summary>
    /// <value>Defaults to 0.2.</value>
    public double Share { get; set; } = TableCorruptionConstants.Share;

    /// <summary>Gets or sets how long the drill waits for a first backup before refusing to corrupt anything.</summary>
    /// <value>Defaults to 180 seconds.</value>
    public TimeSpan BackupWait { get; set; } = TableCorruptionConstants.BackupWait;

    /// <summary>Gets or sets the name of the temporary point-in-time copy (removed whatever happens).</summary>
    /// <value>Defaults to <c>drill-table-corruption</c>.</value>
    public string CopyName { get; set; } = TableCorruptionConstants.CopyName;

    /// <summary>Gets or sets how long past the restoreSeconds target the drill still waits (so a miss is measured, not cut off).</summary>
    /// <value>Defaults to 60 seconds.</value>
    public TimeSpan RecoveryGrace { get; set; } = TableCorruptionConstants.RecoveryGrace;

    /// <summary>Gets or sets the time beyond the target, the backup wait and the grace after which the drill is stopped.</summary>
    /// <value>Defaults to 60 seconds.</value>
    public TimeSpan HardDeadlineMargin { get; set; } = TableCorruptionConstants.HardDeadlineMargin;
}
