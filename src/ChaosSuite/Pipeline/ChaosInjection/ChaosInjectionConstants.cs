namespace Resilience.ChaosSuite.Pipeline.ChaosInjection;

internal static class ChaosInjectionConstants
{
    public const double FaultRate = 0.05;

    public const double OutcomeRate = 0.05;

    public const double LatencyRate = 0.05;

    public static readonly TimeSpan Latency = TimeSpan.FromSeconds(3);
}
