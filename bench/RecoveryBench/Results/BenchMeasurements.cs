using Resilience.ChaosSuite.Measurement;

namespace Resilience.Bench.Results;

/// <summary>The measurements the benchmark compares, spelled as DESIGN.md spells them.</summary>
public static class BenchMeasurements
{
    // The names are the chaos suite's (DESIGN.md's); aliased here so the tables read naturally.
    /// <summary>Write latency p50 before the fault (the chaos suite's observation), in ms.</summary>
    public const string CommitLatencyP50Ms = "writeLatencyP50MsBeforeFault";

    /// <summary>Write latency p99 before the fault, in ms.</summary>
    public const string CommitLatencyP99Ms = "writeLatencyP99MsBeforeFault";

    /// <summary>See <see cref="ChaosSuite.Measurement.WriteStall"/>.</summary>
    public const string WriteStallSeconds = ChaosSuite.Measurement.WriteStall.Name;

    /// <summary>See <see cref="MeasurementNames.WriteUnavailableSeconds"/>.</summary>
    public const string WriteUnavailableSeconds = MeasurementNames.WriteUnavailableSeconds;

    /// <summary>See <see cref="MeasurementNames.ReaderRemovalSeconds"/>.</summary>
    public const string ReaderRemovalSeconds = MeasurementNames.ReaderRemovalSeconds;

    /// <summary>See <see cref="MeasurementNames.ReplacementSeconds"/>.</summary>
    public const string ReplacementSeconds = MeasurementNames.ReplacementSeconds;

    /// <summary>See <see cref="MeasurementNames.WarmupSeconds"/>.</summary>
    public const string WarmupSeconds = MeasurementNames.WarmupSeconds;

    /// <summary>See <see cref="MeasurementNames.RestoreSeconds"/>.</summary>
    public const string RestoreSeconds = MeasurementNames.RestoreSeconds;

    /// <summary>See <see cref="MeasurementNames.RecoveryPointSeconds"/>.</summary>
    public const string RecoveryPointSeconds = MeasurementNames.RecoveryPointSeconds;

    /// <summary>See <see cref="MeasurementNames.LostWrites"/>.</summary>
    public const string LostWrites = MeasurementNames.LostWrites;

    /// <summary>See <see cref="MeasurementNames.FailedReads"/>.</summary>
    public const string FailedReads = MeasurementNames.FailedReads;

    /// <summary>See <see cref="MeasurementNames.FailedWrites"/>.</summary>
    public const string FailedWrites = MeasurementNames.FailedWrites;

    /// <summary>See <see cref="MeasurementNames.ColdReads"/>.</summary>
    public const string ColdReads = MeasurementNames.ColdReads;

    /// <summary>See <see cref="MeasurementNames.FalseFailovers"/>.</summary>
    public const string FalseFailovers = MeasurementNames.FalseFailovers;

    /// <summary>See <see cref="MeasurementNames.AlarmDetectSeconds"/> (primary-overload, primary-degraded-host).</summary>
    public const string AlarmDetectSeconds = MeasurementNames.AlarmDetectSeconds;

    /// <summary>
    /// The compared measurements, in the order of the table. <see cref="WriteStallSeconds"/> is the longest gap between
    /// acknowledged writes after the fault: on primary-failure, over a series of runs, the consecutive-kill gap (its
    /// median and worst); on replica-hardware-failure, the commits a lost synchronous standby held.
    /// </summary>
    public static IReadOnlyList<string> Compared { get; } =
    [
        WriteUnavailableSeconds, WriteStallSeconds, ReaderRemovalSeconds, ReplacementSeconds, WarmupSeconds,
        LostWrites, FailedReads, FailedWrites, ColdReads, FalseFailovers, AlarmDetectSeconds,
    ];

    /// <summary>True for measurements in seconds (the others are counts).</summary>
    public static bool IsSeconds(string name) => name?.EndsWith("Seconds", StringComparison.Ordinal) == true;
}
