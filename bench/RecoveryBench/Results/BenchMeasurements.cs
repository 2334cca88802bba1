namespace Resilience.Bench.Results;

/// <summary>The measurements the benchmark compares, spelled as DESIGN.md spells them.</summary>
public static class BenchMeasurements
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

    /// <summary>Promotions not caused by the injected fault.</summary>
    public const string FalseFailovers = "falseFailovers";

    /// <summary>The compared measurements, in the order of the table.</summary>
    public static IReadOnlyList<string> Compared { get; } =
    [
        WriteUnavailableSeconds, ReaderRemovalSeconds, ReplacementSeconds, WarmupSeconds,
        LostWrites, FailedReads, FailedWrites, ColdReads, FalseFailovers,
    ];

    /// <summary>True for measurements in seconds (the others are counts).</summary>
    public static bool IsSeconds(string name) => name?.EndsWith("Seconds", StringComparison.Ordinal) == true;
}
