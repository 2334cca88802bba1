namespace Resilience.ChaosSuite.Scenarios.PrimaryFailure;

internal static class PrimaryFailureConstants
{
    public const string Name = "primary-failure";

    public static readonly TimeSpan RecoveryGrace = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan HardDeadlineMargin = TimeSpan.FromSeconds(60);

    public const double NoPrimaryStopFactor = 4;
}
