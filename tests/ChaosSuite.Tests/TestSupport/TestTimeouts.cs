using System.Globalization;

namespace Resilience.ChaosSuite.Tests.TestSupport;

/// <summary>
/// Named test timeouts (after CloudNativePG's tests/utils/timeouts): generous defaults for a 2-core machine,
/// each overridable by one environment variable in seconds, e.g. CHAOS_TEST_CLUSTER_UP_SECONDS=300.
/// </summary>
public static class TestTimeouts
{
    public static TimeSpan Chromium => Seconds("CHAOS_TEST_CHROMIUM_SECONDS", 60);

    public static TimeSpan ClusterUp => Seconds("CHAOS_TEST_CLUSTER_UP_SECONDS", 240);

    public static TimeSpan ClusterDown => Seconds("CHAOS_TEST_CLUSTER_DOWN_SECONDS", 120);

    public static TimeSpan Scenario => Seconds("CHAOS_TEST_SCENARIO_SECONDS", 420);

    private static TimeSpan Seconds(string variable, int fallback) =>
        TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : fallback);
}
