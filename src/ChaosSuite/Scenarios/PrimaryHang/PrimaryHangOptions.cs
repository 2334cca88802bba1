namespace Resilience.ChaosSuite.Scenarios.PrimaryHang;

/// <summary>Settings of <see cref="PrimaryHang"/>.</summary>
internal sealed class PrimaryHangOptions
{
    /// <summary>Gets or sets how long past the writeUnavailableSeconds target the scenario still waits for a failover.</summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan RecoveryGrace { get; set; } = PrimaryHangConstants.RecoveryGrace;

    /// <summary>Gets or sets how long the old primary stays frozen after writes resumed elsewhere.</summary>
    /// <value>Defaults to 3 seconds.</value>
    public TimeSpan HoldAfterFailover { get; set; } = PrimaryHangConstants.HoldAfterFailover;

    /// <summary>Gets or sets how long after the thaw the old primary has to rejoin as a replica.</summary>
    /// <value>Defaults to 45 seconds.</value>
    public TimeSpan RejoinTimeout { get; set; } = PrimaryHangConstants.RejoinTimeout;

    /// <summary>Gets or sets how long the workload keeps watching after the old primary rejoined.</summary>
    /// <value>Defaults to 3 seconds.</value>
    public TimeSpan WatchAfterRejoin { get; set; } = PrimaryHangConstants.WatchAfterRejoin;

    /// <summary>Gets or sets the time beyond the waits after which the scenario is stopped.</summary>
    /// <value>Defaults to 60 seconds.</value>
    public TimeSpan HardDeadlineMargin { get; set; } = PrimaryHangConstants.HardDeadlineMargin;
}
