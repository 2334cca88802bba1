namespace Resilience.ChaosSuite.Measurement;

/// <summary>The measurement names of DESIGN.md, spelled as the stack files' recovery targets spell them.</summary>
internal static class MeasurementNames
{
    /// <summary>Fault injected -> first acknowledged write after it.</summary>
    public const string WriteUnavailableSeconds = "writeUnavailableSeconds";

    /// <summary>Fault injected -> read endpoint stops routing to the failed member.</summary>
    public const string ReaderRemovalSeconds = "readerRemovalSeconds";

    /// <summary>Fault injected -> group back at desired count, every member warm and in the read endpoint.</summary>
    public const string ReplacementSeconds = "replacementSeconds";

    /// <summary>Replacement member created -> its gate opens.</summary>
    public const string WarmupSeconds = "warmupSeconds";

    /// <summary>Acknowledged writes missing after recovery.</summary>
    public const string LostWrites = "lostWrites";

    /// <summary>Reads that failed after the client pipeline's retries.</summary>
    public const string FailedReads = "failedReads";

    /// <summary>Writes that failed after the client pipeline's retries.</summary>
    public const string FailedWrites = "failedWrites";

    /// <summary>Reads answered by a member whose gate was closed.</summary>
    public const string ColdReads = "coldReads";

    /// <summary>Fault (overload) start -> alarm in ALARM state.</summary>
    public const string AlarmDetectSeconds = "alarmDetectSeconds";

    /// <summary>Promotions not caused by the injected fault.</summary>
    public const string FalseFailovers = "falseFailovers";

    /// <summary>Planned switchover requested -> first acknowledged write on the new primary.</summary>
    public const string SwitchoverWriteUnavailableSeconds = "switchoverWriteUnavailableSeconds";

    /// <summary>
    /// Writes the resumed old primary acknowledged after the failover (primary-hang; the suite's own target
    /// of 0: a split brain is never acceptable, so the stack file has no key for it).
    /// </summary>
    public const string OldPrimaryWrites = "oldPrimaryWrites";

    /// <summary>Fault (corruption, cluster loss) -> data restored and serving (the stack's <c>resilience:backup.targets</c>).</summary>
    public const string RestoreSeconds = "restoreSeconds";

    /// <summary>Span of acknowledged writes a restore lost, from the ledger (<c>resilience:backup.targets</c>).</summary>
    public const string RecoveryPointSeconds = "recoveryPointSeconds";

    /// <summary>Rows the bad statement corrupted that hold their right values again after the repair.</summary>
    public const string CorruptedRowsRestored = "corruptedRowsRestored";

    /// <summary>Writes acknowledged after the fault (until the repair) that are present and right after it.</summary>
    public const string PostFaultWritesKept = "postFaultWritesKept";

    /// <summary>
    /// Writes acknowledged after the fault that the repair lost or overwrote (table-corruption; the suite's own
    /// target of 0: a repair that throws away the day's work is no repair).
    /// </summary>
    public const string PostFaultWritesLost = "postFaultWritesLost";

    /// <summary>Fault -> end of the backup the restore started from (the archive replayed the rest).</summary>
    public const string BackupAgeSeconds = "backupAgeSeconds";

    /// <summary>Every DESIGN.md measurement, in its order.</summary>
    public static IReadOnlyList<string> Design { get; } =
    [
        WriteUnavailableSeconds, ReaderRemovalSeconds, ReplacementSeconds, WarmupSeconds, LostWrites,
        FailedReads, FailedWrites, ColdReads, AlarmDetectSeconds, FalseFailovers, SwitchoverWriteUnavailableSeconds,
    ];

    /// <summary>True for measurements in seconds (the others are counts).</summary>
    public static bool IsSeconds(string name) => name?.EndsWith("Seconds", StringComparison.Ordinal) == true;
}
