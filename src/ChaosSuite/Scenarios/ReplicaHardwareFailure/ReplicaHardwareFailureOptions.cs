namespace Resilience.ChaosSuite.Scenarios.ReplicaHardwareFailure;

/// <summary>Settings of <see cref="ReplicaHardwareFailure"/>.</summary>
internal sealed class ReplicaHardwareFailureOptions
{
    /// <summary>Gets or sets the group that loses a member.</summary>
    /// <value>Defaults to null: the stack's first replica group.</value>
    public string? Group { get; set; }

    /// <summary>Gets or sets how long past a target the scenario still waits for the event (so a miss is measured, not cut off).</summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan RecoveryGrace { get; set; } = ReplicaHardwareFailureConstants.RecoveryGrace;

    /// <summary>Gets or sets the time beyond the replacement target and grace after which the scenario is stopped.</summary>
    /// <value>Defaults to 60 seconds.</value>
    public TimeSpan HardDeadlineMargin { get; set; } = ReplicaHardwareFailureConstants.HardDeadlineMargin;
}
