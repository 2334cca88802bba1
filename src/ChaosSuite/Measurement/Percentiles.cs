namespace Resilience.ChaosSuite.Measurement;

/// <summary>The suite's one percentile formula: nearest rank (the smallest value with at least p % of the values at or below it).</summary>
internal static class Percentiles
{
    /// <summary>The <paramref name="percentile"/> (0-100) of <paramref name="sorted"/> (ascending), or null when it is empty.</summary>
    public static double? NearestRank(IReadOnlyList<double> sorted, double percentile)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
