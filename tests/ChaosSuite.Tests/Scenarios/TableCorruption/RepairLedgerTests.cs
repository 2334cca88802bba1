using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Scenarios.TableCorruption;
using Resilience.ChaosSuite.Tests.TestSupport;
using Resilience.ChaosSuite.Timeline;
using Resilience.ChaosSuite.Workload;

namespace Resilience.ChaosSuite.Tests.Scenarios.TableCorruption;

/// <summary>The ledger's judgement of a repair and the drill's measurements, on synthetic rows and a fake clock.</summary>
public class RepairLedgerTests
{
    private static Dictionary<long, string?> Right(params long[] ids) => ids.ToDictionary(id => id, id => (string?)LedgerPayload.Of(id));

    [Fact]
    public void Writes_before_the_fault_must_be_present_and_right_and_later_ones_kept()
    {
        // Ids 1-4 acknowledged before the fault at 10 s, 5-6 between the fault and the repair at 20 s, 7 after it.
        var acknowledged = new Dictionary<long, double> { [1] = 1, [2] = 2, [3] = 3, [4] = 9.9, [5] = 10, [6] = 15, [7] = 25 };
        var rows = Right(1, 2, 5, 7);
        rows[3] = "corrupted"; // still wrong after the repair
        rows[6] = "corrupted"; // a later write the repair broke

        var j = RepairLedger.Judge(acknowledged, faultAt: 10, repairedAt: 20, corrupted: [2, 3, 4], rows);

        Assert.Equal(4, j.AcknowledgedBeforeFault);
        Assert.Equal([3L, 4L], j.LostBeforeFault);
        Assert.Equal(2, j.PostFaultWrites);
        Assert.Equal([6L], j.PostFaultLost);
        Assert.Equal(1, j.PostFaultKept);
        Assert.Equal(3, j.CorruptedRows);
        Assert.Equal(1, j.CorruptedRestored);
    }

    [Fact]
    public void A_corrupted_row_whose_acknowledgement_was_lost_still_counts_when_restored()
    {
        var j = RepairLedger.Judge([], faultAt: 10, repairedAt: 20, corrupted: [42], Right(42));

        Assert.Equal(1, j.CorruptedRestored);
        Assert.Empty(j.LostBeforeFault);
    }

    [Fact]
    public void Measurements_run_from_the_fault_on_the_run_clock_and_the_backup_age_on_the_wall_clock()
    {
        var time = FakeTimeSteps.NewClock();
        var clock = new RunClock(time);
        time.Advance(TimeSpan.FromSeconds(5));
        var faultAt = clock.Now;
        var faultWall = time.GetUtcNow();
        time.Advance(TimeSpan.FromSeconds(31.5));
        var repairedAt = clock.Now;
        var copy = new RestoredDatabase("drill", new DatabaseEndpoint("127.0.0.1", 31450), faultWall, "20261122-025800F", faultWall - TimeSpan.FromMinutes(2), 25.2);
        var judgement = RepairLedger.Judge(new Dictionary<long, double> { [1] = faultAt - 1, [2] = faultAt + 1 }, faultAt, repairedAt, [1], Right(1, 2));
        var set = new MeasurementSet();
        set.Set(MeasurementNames.LostWrites, 7, "shared ledger check");

        TableCorruptionMeasurements.Set(set, new DrillRecord(faultAt, faultWall, new Corruption([1], "[]", faultWall), copy, repairedAt, new RepairCounts(0, 1, 1, 1), judgement));

        Assert.Equal(31.5, set.Get(MeasurementNames.RestoreSeconds));
        Assert.Equal(120, set.Get(MeasurementNames.BackupAgeSeconds));
        Assert.Equal(0, set.Get(MeasurementNames.LostWrites));
        Assert.Equal(1, set.Get(MeasurementNames.CorruptedRowsRestored));
        Assert.Equal(1, set.Get(MeasurementNames.PostFaultWritesKept));
        Assert.Equal(0, set.Get(MeasurementNames.PostFaultWritesLost));
        Assert.Equal(25.2, set.Observations["copyRestoreSeconds"]);
        Assert.Equal(1, set.Observations["rowsOverwritten"]);
    }

    [Fact]
    public void A_drill_that_never_repaired_is_not_measured_as_restored_and_keeps_the_shared_ledger_check()
    {
        var set = new MeasurementSet();
        set.Set(MeasurementNames.LostWrites, 7, "shared ledger check");

        TableCorruptionMeasurements.Set(set, new DrillRecord(5, FakeTimeSteps.Start, new Corruption([1, 2], "[]", FakeTimeSteps.Start), null, null, null, null));

        Assert.Null(set.Get(MeasurementNames.RestoreSeconds));
        Assert.Equal("the table was not repaired", set.Notes[MeasurementNames.RestoreSeconds]);
        Assert.Null(set.Get(MeasurementNames.BackupAgeSeconds));
        Assert.Equal(7, set.Get(MeasurementNames.LostWrites));
        Assert.Null(set.Get(MeasurementNames.PostFaultWritesLost));
    }
}
