namespace Resilience.ChaosSuite.Scenarios.AppFaults;

internal static class AppFaultsConstants
{
    public const string Name = "app-faults";

    public const double InjectionRate = 0.15;

    public static readonly TimeSpan Latency = TimeSpan.FromSeconds(3);

    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(20);

    public static readonly TimeSpan HardDeadlineMargin = TimeSpan.FromSeconds(60);
}
