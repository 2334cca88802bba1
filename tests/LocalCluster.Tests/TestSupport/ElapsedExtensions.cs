using System.Diagnostics;

namespace Resilience.LocalCluster.Tests.TestSupport;

internal static class Elapsed
{
    /// <summary>Seconds from <paramref name="start"/> to <paramref name="end"/> (Stopwatch timestamps).</summary>
    public static double Seconds(long start, long end) => (end - start) / (double)Stopwatch.Frequency;
}
