using System.Collections.Concurrent;

namespace Resilience.ChaosSuite.Workload;

/// <summary>Every write id the database acknowledged, so that after recovery the missing ones can be named.</summary>
internal sealed class AcknowledgedWriteLedger
{
    private readonly ConcurrentDictionary<long, double> _acknowledged = new();
    private long _highest;

    /// <summary>How many writes were acknowledged.</summary>
    public int Count => _acknowledged.Count;

    /// <summary>Records that the write <paramref name="id"/> was acknowledged at run second <paramref name="at"/>.</summary>
    public void Acknowledge(long id, double at)
    {
        _acknowledged.TryAdd(id, at);
        long seen;
        while (id > (seen = Interlocked.Read(ref _highest)) && Interlocked.CompareExchange(ref _highest, id, seen) != seen)
        {
        }
    }

    /// <summary>The highest id acknowledged so far (ids grow in the order writes start), 0 before any.</summary>
    public long HighestAcknowledged => Interlocked.Read(ref _highest);

    /// <summary>Every acknowledged id with the run second it was acknowledged at, as of now.</summary>
    public IReadOnlyList<KeyValuePair<long, double>> Snapshot() => _acknowledged.ToArray();

    /// <summary>True when <paramref name="id"/> was acknowledged.</summary>
    public bool Contains(long id) => _acknowledged.ContainsKey(id);

    /// <summary>The acknowledged ids absent from <paramref name="present"/> (what the primary holds), ascending.</summary>
    public IReadOnlyList<long> FindMissing(IEnumerable<long> present)
    {
        ArgumentNullException.ThrowIfNull(present);
        var found = present.ToHashSet();
        return [.. _acknowledged.Keys.Where(id => !found.Contains(id)).Order()];
    }

    /// <summary>Ids in <paramref name="present"/> that were never acknowledged (committed, but the answer was lost): not a defect.</summary>
    public int CountUnacknowledged(IEnumerable<long> present)
    {
        ArgumentNullException.ThrowIfNull(present);
        return present.Distinct().Count(id => !_acknowledged.ContainsKey(id));
    }
}
