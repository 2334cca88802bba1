using Resilience.ChaosSuite.Workload;

namespace Resilience.ChaosSuite.Tests.Workload;

public class AcknowledgedWriteLedgerTests
{
    [Fact]
    public void Finds_exactly_the_acknowledged_ids_the_primary_lost()
    {
        var ledger = new AcknowledgedWriteLedger();
        for (long id = 1; id <= 1000; id++)
        {
            ledger.Acknowledge(id, id * 0.02);
        }

        var present = Enumerable.Range(1, 1000).Select(i => (long)i).Where(id => id is not (17 or 500 or 999)).Concat([1001L, 1002L]);

        Assert.Equal([17L, 500L, 999L], ledger.FindMissing(present));
        Assert.Equal(2, ledger.CountUnacknowledged(present));
    }

    [Fact]
    public void Nothing_is_missing_when_every_acknowledged_id_is_present()
    {
        var ledger = new AcknowledgedWriteLedger();
        ledger.Acknowledge(3, 0.1);
        ledger.Acknowledge(1, 0.2);

        Assert.Empty(ledger.FindMissing([1, 2, 3]));
        Assert.Equal(1, ledger.CountUnacknowledged([1, 2, 3]));
    }

    [Fact]
    public void Tracks_the_highest_acknowledged_id_from_any_thread()
    {
        var ledger = new AcknowledgedWriteLedger();
        Parallel.For(1, 5001, i => ledger.Acknowledge(i, 0));

        Assert.Equal(5000, ledger.HighestAcknowledged);
        Assert.Equal(5000, ledger.Count);
    }
}
