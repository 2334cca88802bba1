using Resilience.Topology;

namespace Resilience.ChaosSuite.Scenarios.PrimaryDegradedHost;

internal static class PrimaryDegradedHostConstants
{
    public const string Name = "primary-degraded-host";

    public static readonly IReadOnlyList<AlarmMetric> AlarmMetrics = [AlarmMetric.CommitLatencyMs];

    public static readonly TimeSpan AlarmGrace = TimeSpan.FromSeconds(15);

    public static readonly TimeSpan RecoveryGrace = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan HardDeadlineMargin = TimeSpan.FromSeconds(60);

    public const double NoPrimaryStopFactor = 4;
}
