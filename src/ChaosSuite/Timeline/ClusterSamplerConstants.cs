namespace Resilience.ChaosSuite.Timeline;

internal static class ClusterSamplerConstants
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    public const int MaxConcurrentObservations = 4;

    public static readonly TimeSpan ObservationTimeout = TimeSpan.FromSeconds(3);
}
