using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Tests.TestSupport;

namespace Resilience.ChaosSuite.Tests.Measurement;

public class AlarmDetectionTests
{
    [Fact]
    public void Detection_is_from_the_load_start_to_the_first_expected_alarm_in_ALARM()
    {
        var quiet = Cluster.Of(Cluster.Primary("pg-1")).WithAlarms(("primary-cpu-high", AlarmState.Ok), ("replica-lag-high", AlarmState.Ok));
        var t = new SyntheticTimeline()
            .Observe(0, 12, quiet)
            .Observe(12, 14, quiet.WithAlarms(("primary-cpu-high", AlarmState.Ok), ("replica-lag-high", AlarmState.Alarm)))
            .Observe(14, 20, quiet.WithAlarms(("primary-cpu-high", AlarmState.Alarm), ("replica-lag-high", AlarmState.Alarm)));

        Assert.Equal(9.0, AlarmDetection.Seconds(t.Snapshot(), 5, ["primary-cpu-high"])!.Value, precision: 6);
        Assert.Equal("primary-cpu-high", AlarmDetection.FirstAlarm(t.Snapshot(), 5, ["primary-cpu-high", "connections-high"])!.Value.Alarm);
    }

    [Fact]
    public void No_expected_alarm_is_not_reached()
    {
        var t = new SyntheticTimeline().Observe(0, 20, Cluster.Of(Cluster.Primary("pg-1")).WithAlarms(("primary-cpu-high", AlarmState.Ok)));

        Assert.Null(AlarmDetection.Seconds(t.Snapshot(), 5, ["primary-cpu-high"]));
    }
}
