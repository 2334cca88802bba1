using Resilience.Topology;

namespace Resilience.ChaosSuite.Scenarios.PrimaryOverload;

internal static class PrimaryOverloadConstants
{
    public const string Name = "primary-overload";

    public static readonly TimeSpan HoldAfterAlarm = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan AlarmGrace = TimeSpan.FromSeconds(15);

    public static readonly TimeSpan ScaleOutGrace = TimeSpan.FromSeconds(20);

    public static readonly TimeSpan HardDeadlineMargin = TimeSpan.FromSeconds(60);

    public const int RampCeilingWithoutAlarm = 120;

    public static readonly IReadOnlyList<AlarmMetric> AlarmMetrics = [AlarmMetric.PrimaryCpuPercent, AlarmMetric.Connections, AlarmMetric.DbLoad];
}
