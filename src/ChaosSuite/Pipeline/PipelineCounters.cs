namespace Resilience.ChaosSuite.Pipeline;

/// <summary>What the pipeline did, counted as it happens; safe to read from any thread.</summary>
public sealed class PipelineCounters
{
    private long _retries;
    private long _fallbacks;
    private long _circuitOpenings;
    private long _shed;
    private long _timeouts;
    private long _injectedFaults;
    private long _injectedLatencies;
    private long _injectedOutcomes;

    /// <summary>Attempts retried.</summary>
    public long Retries => Interlocked.Read(ref _retries);

    /// <summary>Reads served by the primary after the read endpoint failed them.</summary>
    public long Fallbacks => Interlocked.Read(ref _fallbacks);

    /// <summary>Times an endpoint's circuit opened.</summary>
    public long CircuitOpenings => Interlocked.Read(ref _circuitOpenings);

    /// <summary>Attempts shed by an endpoint's rate limiter.</summary>
    public long Shed => Interlocked.Read(ref _shed);

    /// <summary>Attempts abandoned by the attempt timeout.</summary>
    public long Timeouts => Interlocked.Read(ref _timeouts);

    /// <summary>Faults (exceptions) injected by Simmy.</summary>
    public long InjectedFaults => Interlocked.Read(ref _injectedFaults);

    /// <summary>Latencies injected by Simmy.</summary>
    public long InjectedLatencies => Interlocked.Read(ref _injectedLatencies);

    /// <summary>Outcomes injected by Simmy.</summary>
    public long InjectedOutcomes => Interlocked.Read(ref _injectedOutcomes);

    internal void Retry() => Interlocked.Increment(ref _retries);

    internal void Fallback() => Interlocked.Increment(ref _fallbacks);

    internal void CircuitOpened() => Interlocked.Increment(ref _circuitOpenings);

    internal void Shedding() => Interlocked.Increment(ref _shed);

    internal void Timeout() => Interlocked.Increment(ref _timeouts);

    internal void FaultInjected() => Interlocked.Increment(ref _injectedFaults);

    internal void LatencyInjected() => Interlocked.Increment(ref _injectedLatencies);

    internal void OutcomeInjected() => Interlocked.Increment(ref _injectedOutcomes);
}
