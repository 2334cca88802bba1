using System.Globalization;

namespace Resilience.LocalCluster.Tests.TestSupport;

/// <summary>
/// Named bounds for the integration tests: generous, because the exact figures belong to the benchmark.
/// LOCALCLUSTER_TEST_TIMEOUT_FACTOR (e.g. 2) multiplies them all on a slower or busier machine.
/// </summary>
internal static class TestTimeouts
{
    private static readonly double Factor =
        double.TryParse(Environment.GetEnvironmentVariable("LOCALCLUSTER_TEST_TIMEOUT_FACTOR"), NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f > 0 ? f : 1;

    /// <summary><c>up</c> from nothing to steady state.</summary>
    public static TimeSpan Up => Scaled(180);

    /// <summary>A lost or hung member out of the read endpoint.</summary>
    public static TimeSpan ReaderRemoval => Scaled(15);

    /// <summary>A primary failure to a new primary in the write endpoint.</summary>
    public static TimeSpan Failover => Scaled(60);

    /// <summary>A lost member to the group back at its desired count, every member warm.</summary>
    public static TimeSpan Replacement => Scaled(150);

    /// <summary>Something in-process that takes a few ticks of a loop (unit tests).</summary>
    public static TimeSpan Short => Scaled(20);

    private static TimeSpan Scaled(double seconds) => TimeSpan.FromSeconds(seconds * Factor);
}
