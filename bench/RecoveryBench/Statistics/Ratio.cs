namespace Resilience.Bench.Statistics;

/// <summary>How two medians compare: ours divided by the baseline's (below 1 means ours is faster or fewer).</summary>
public static class Ratio
{
    /// <summary>
    /// <paramref name="ours"/> / <paramref name="baseline"/>, or null when either is missing or the baseline is 0
    /// (a ratio to nothing says nothing; the table shows both values instead).
    /// </summary>
    public static double? Of(double? ours, double? baseline) =>
        ours is { } o && baseline is { } b && b != 0 && !double.IsNaN(o) && !double.IsNaN(b) ? o / b : null;

    /// <summary>The ratio of the two summaries' medians.</summary>
    public static double? OfMedians(Summary ours, Summary baseline)
    {
        ArgumentNullException.ThrowIfNull(ours);
        ArgumentNullException.ThrowIfNull(baseline);
        return Of(ours.Median, baseline.Median);
    }
}
