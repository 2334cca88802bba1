namespace Resilience.ChaosSuite.Workload;

/// <summary>Live counts for the progress line; safe to read from any thread.</summary>
internal sealed class WorkloadCounters
{
    private long _acknowledgedWrites;
    private long _failedWrites;
    private long _reads;
    private long _failedReads;
    private long _fallbackReads;
    private long _notStarted;

    /// <summary>Writes acknowledged.</summary>
    public long AcknowledgedWrites => Interlocked.Read(ref _acknowledgedWrites);

    /// <summary>Writes failed after retries.</summary>
    public long FailedWrites => Interlocked.Read(ref _failedWrites);

    /// <summary>Reads answered.</summary>
    public long Reads => Interlocked.Read(ref _reads);

    /// <summary>Reads failed after retries and fallback.</summary>
    public long FailedReads => Interlocked.Read(ref _failedReads);

    /// <summary>Reads answered by the primary through the fallback.</summary>
    public long FallbackReads => Interlocked.Read(ref _fallbackReads);

    /// <summary>Operations not started because too many were in flight (the client's own back-pressure).</summary>
    public long NotStarted => Interlocked.Read(ref _notStarted);

    internal void WriteAcknowledged() => Interlocked.Increment(ref _acknowledgedWrites);

    internal void WriteFailed() => Interlocked.Increment(ref _failedWrites);

    internal void ReadAnswered(bool viaPrimary)
    {
        Interlocked.Increment(ref _reads);
        if (viaPrimary)
        {
            Interlocked.Increment(ref _fallbackReads);
        }
    }

    internal void ReadFailed() => Interlocked.Increment(ref _failedReads);

    internal void Skipped() => Interlocked.Increment(ref _notStarted);
}
