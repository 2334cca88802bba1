namespace Resilience.ChaosSuite.Load;

/// <summary>What the load generator did; safe to read from any thread.</summary>
internal sealed class LoadCounters
{
    private long _queries;
    private long _failures;
    private long _rejected;
    private int _connections;

    /// <summary>Queries completed.</summary>
    public long Queries => Interlocked.Read(ref _queries);

    /// <summary>Queries that failed (timeouts, broken connections).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Connections or queries the server refused outright (too many connections, cannot connect now): shed by the server.</summary>
    public long RejectedByServer => Interlocked.Read(ref _rejected);

    /// <summary>Load connections open now.</summary>
    public int Connections => Volatile.Read(ref _connections);

    internal void Query() => Interlocked.Increment(ref _queries);

    internal void Failure() => Interlocked.Increment(ref _failures);

    internal void Rejected() => Interlocked.Increment(ref _rejected);

    internal void Opened() => Interlocked.Increment(ref _connections);

    internal void Closed() => Interlocked.Decrement(ref _connections);
}
