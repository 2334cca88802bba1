namespace Resilience.ChaosSuite.Scenarios.ReplicaHardwareFailure;

internal static class ReplicaHardwareFailureConstants
{
    public const string Name = "replica-hardware-failure";

    public static readonly TimeSpan RecoveryGrace = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan HardDeadlineMargin = TimeSpan.FromSeconds(60);

    public const double NoPrimaryStopFactor = 3;
}
