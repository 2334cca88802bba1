using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Tests.TestSupport;

namespace Resilience.ChaosSuite.Tests.Measurement;

public class WriteStallTests
{
    [Fact]
    public void The_longest_gap_counts_from_the_last_acknowledgement_before_the_fault()
    {
        // Writes every 20 ms until 10.0 s, a stall (failures) until 11.5 s, then writes again.
        var run = new SyntheticTimeline().Writes(5, 10, succeeded: true).Writes(10.02, 11.5, succeeded: false).Writes(11.5, 14, succeeded: true);

        var stall = WriteStall.Seconds(run.Snapshot(), faultAt: 10.2, windowEnd: 14);

        Assert.NotNull(stall);
        Assert.InRange(stall.Value, 1.45, 1.56);
    }

    [Fact]
    public void No_write_after_the_fault_measures_nothing()
    {
        var run = new SyntheticTimeline().Writes(5, 10, succeeded: true);

        Assert.Null(WriteStall.Seconds(run.Snapshot(), faultAt: 10.5, windowEnd: 14));
    }
}
