using Resilience.ChaosSuite.Timeline;

namespace Resilience.ChaosSuite.Measurement;

/// <summary>failedReads, failedWrites and latency percentiles of the workload's operations.</summary>
internal static class OperationStats
{
    /// <summary>Operations of <paramref name="kind"/> that failed after the pipeline's retries.</summary>
    public static int Failed(TimelineSnapshot timeline, OperationKind kind)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        return timeline.Operations.Count(o => o.Kind == kind && !o.Succeeded);
    }

    /// <summary>Successful operations of <paramref name="kind"/>.</summary>
    public static int Succeeded(TimelineSnapshot timeline, OperationKind kind)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        return timeline.Operations.Count(o => o.Kind == kind && o.Succeeded);
    }

    /// <summary>
    /// The <paramref name="percentile"/> (0-100) latency in milliseconds of successful operations of
    /// <paramref name="kind"/> started in [<paramref name="from"/>, <paramref name="to"/>], nearest-rank; null when there are none.
    /// </summary>
    public static double? LatencyMs(TimelineSnapshot timeline, OperationKind kind, double percentile, double from = double.NegativeInfinity, double to = double.PositiveInfinity)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var latencies = timeline.Operations
            .Where(o => o.Kind == kind && o.Succeeded && o.StartedAt >= from && o.StartedAt <= to)
            .Select(o => (o.CompletedAt - o.StartedAt) * 1000)
            .Order()
            .ToList();
        return Percentiles.NearestRank(latencies, percentile);
    }
}
