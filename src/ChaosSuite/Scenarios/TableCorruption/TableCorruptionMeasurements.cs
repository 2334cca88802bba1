using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Platform;

namespace Resilience.ChaosSuite.Scenarios.TableCorruption;

/// <summary>What one table-corruption drill recorded, in run seconds and wall time.</summary>
/// <param name="FaultAt">Run second the bad statement started.</param>
/// <param name="FaultWallTime">The same moment on the wall clock (the backup's age is wall time).</param>
/// <param name="Corruption">What the statement hit.</param>
/// <param name="Copy">The point-in-time copy, once it was ready.</param>
/// <param name="RepairedAt">Run second the repair committed; null when it did not.</param>
/// <param name="Repair">The repair's own counts.</param>
/// <param name="Judgement">The ledger's judgement after the repair.</param>
internal sealed record DrillRecord(
    double FaultAt,
    DateTimeOffset FaultWallTime,
    Corruption Corruption,
    RestoredDatabase? Copy,
    double? RepairedAt,
    RepairCounts? Repair,
    RepairJudgement? Judgement);

/// <summary>Turns a drill's record into its measurements (pure: unit-tested with a fake clock).</summary>
internal static class TableCorruptionMeasurements
{
    /// <summary>Sets the drill's measurements on <paramref name="set"/>; the ledger's judgement replaces the shared lostWrites.</summary>
    public static void Set(MeasurementSet set, DrillRecord drill)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(drill);
        set.Set(MeasurementNames.RestoreSeconds, drill.RepairedAt - drill.FaultAt, drill.RepairedAt is null ? "the table was not repaired" : null);
        set.Set(MeasurementNames.BackupAgeSeconds, drill.Copy is { } copy ? (drill.FaultWallTime - copy.BackupTakenAt).TotalSeconds : null,
            drill.Copy is { } c ? $"restored from backup {c.BackupLabel} to {c.Target.UtcDateTime:yyyy-MM-ddTHH:mm:ss.ffffffZ}" : "no copy was restored");
        set.Observe("corruptedRows", drill.Corruption.Ids.Count);
        set.Observe("copyRestoreSeconds", drill.Copy?.PlatformSeconds);
        if (drill.Repair is { } r)
        {
            set.Observe("rowsReinserted", r.Reinserted);
            set.Observe("rowsOverwritten", r.Overwritten);
            set.Observe("rowsKeptAfterFault", r.KeptAfterFault);
        }

        if (drill.Judgement is not { } j)
        {
            set.Set(MeasurementNames.CorruptedRowsRestored, null, "the repair was not judged");
            set.Set(MeasurementNames.PostFaultWritesKept, null, "the repair was not judged");
            set.Set(MeasurementNames.PostFaultWritesLost, null, "the repair was not judged");
            return;
        }

        set.Set(MeasurementNames.LostWrites, j.LostBeforeFault.Count, j.LostBeforeFault.Count > 0
            ? $"acknowledged before the fault, missing or wrong after the repair: {string.Join(", ", j.LostBeforeFault.Take(20))}"
            : $"all {j.AcknowledgedBeforeFault} writes acknowledged before the fault are present and right");
        set.Set(MeasurementNames.CorruptedRowsRestored, j.CorruptedRestored, $"of {j.CorruptedRows} rows the bad statement hit");
        set.Set(MeasurementNames.PostFaultWritesKept, j.PostFaultKept, $"of {j.PostFaultWrites} writes acknowledged between the fault and the end of the repair");
        set.Set(MeasurementNames.PostFaultWritesLost, j.PostFaultLost.Count, j.PostFaultLost.Count > 0 ? $"ids: {string.Join(", ", j.PostFaultLost.Take(20))}" : null);
        set.Observe("acknowledgedBeforeFault", j.AcknowledgedBeforeFault);
        set.Observe("postFaultWrites", j.PostFaultWrites);
    }
}
