using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Tests.TestSupport;
using Resilience.ChaosSuite.Timeline;

namespace Resilience.ChaosSuite.Tests.Measurement;

public class OperationStatsTests
{
    [Fact]
    public void Percentiles_are_nearest_rank_over_successful_operations()
    {
        var t = new SyntheticTimeline();
        for (var i = 1; i <= 100; i++)
        {
            t.Timeline.Add(new OperationRecord(OperationKind.Write, i, i + (i / 1000.0), true, "1", i, false, null));
        }

        t.Timeline.Add(new OperationRecord(OperationKind.Write, 1, 60, false, null, 101, false, "slow failure"));
        var snapshot = t.Snapshot();

        Assert.Equal(50, OperationStats.LatencyMs(snapshot, OperationKind.Write, 50)!.Value, precision: 6);
        Assert.Equal(99, OperationStats.LatencyMs(snapshot, OperationKind.Write, 99)!.Value, precision: 6);
        Assert.Equal(1, OperationStats.Failed(snapshot, OperationKind.Write));
        Assert.Null(OperationStats.LatencyMs(snapshot, OperationKind.Read, 50));
    }
}
