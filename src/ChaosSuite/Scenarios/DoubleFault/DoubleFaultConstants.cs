namespace Resilience.ChaosSuite.Scenarios.DoubleFault;

internal static class DoubleFaultConstants
{
    public const string Name = "double-fault";

    /// <summary>Machines that fail together (same rack, same deploy) fail within moments of each other.</summary>
    public static readonly TimeSpan Gap = TimeSpan.FromSeconds(0.2);

    public static readonly TimeSpan RecoveryGrace = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan HardDeadlineMargin = TimeSpan.FromSeconds(60);

    public const double NoPrimaryStopFactor = 4;
}
