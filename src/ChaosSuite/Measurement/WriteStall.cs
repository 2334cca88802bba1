using Resilience.ChaosSuite.Timeline;
using Resilience.ChaosSuite.Workload;

namespace Resilience.ChaosSuite.Measurement;

/// <summary>
/// writeStallSeconds (DESIGN.md): the longest gap between acknowledged writes from the fault to the end of the
/// workload, counted from the last acknowledgement before the fault. With synchronous replication a replica's
/// loss stalls commits until the primary drops it from the synchronous set; this is how long.
/// </summary>
internal static class WriteStall
{
    /// <summary>Name of the observation.</summary>
    public const string Name = "writeStallSeconds";

    /// <summary>The longest gap in seconds, or null when no write was acknowledged after <paramref name="faultAt"/>.</summary>
    public static double? Seconds(TimelineSnapshot timeline, double faultAt, double windowEnd)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var acks = timeline.Operations
            .Where(o => o is { Kind: OperationKind.Write, Succeeded: true } && o.CompletedAt <= windowEnd)
            .Select(o => o.CompletedAt)
            .Order()
            .ToList();
        var after = acks.FindIndex(t => t > faultAt);
        if (after < 0)
        {
            return null;
        }

        var previous = after > 0 ? acks[after - 1] : faultAt;
        var longest = 0.0;
        for (var i = after; i < acks.Count; i++)
        {
            longest = Math.Max(longest, acks[i] - previous);
            previous = acks[i];
        }

        return longest;
    }
}
