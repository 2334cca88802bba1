namespace Resilience.ChaosSuite.Reports.History;

/// <summary>Median and median absolute deviation: location and spread that one outlier cannot move far.</summary>
internal static class RobustStatistics
{
    /// <summary>The median (the mean of the middle two for an even count).</summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty.</exception>
    public static double Median(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("the median of no values", nameof(values));
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>The median absolute deviation from the median.</summary>
    public static double MedianAbsoluteDeviation(IReadOnlyCollection<double> values)
    {
        var median = Median(values);
        return Median(values.Select(v => Math.Abs(v - median)).ToArray());
    }
}
