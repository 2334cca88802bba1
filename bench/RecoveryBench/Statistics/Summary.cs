using Resilience.ChaosSuite.Reports.History;

namespace Resilience.Bench.Statistics;

/// <summary>Median, min and max of one measurement over repeated runs; runs where it was not reached are counted apart.</summary>
/// <param name="Count">Runs that produced a value.</param>
/// <param name="Missing">Runs where the measured event did not happen in time (the suite reported null).</param>
/// <param name="Median">Median of the values (mean of the middle two for an even count), or null when there is none.</param>
/// <param name="Min">Smallest value, or null.</param>
/// <param name="Max">Largest value, or null.</param>
public sealed record Summary(int Count, int Missing, double? Median, double? Min, double? Max)
{
    /// <summary>A summary of no run at all.</summary>
    public static Summary Empty { get; } = new(0, 0, null, null, null);

    /// <summary>Summarizes <paramref name="values"/>; a null value is a run where the measurement was not reached.</summary>
    public static Summary Of(IEnumerable<double?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var all = values.ToList();
        var present = all.Where(v => v is { } d && !double.IsNaN(d)).Select(v => v!.Value).Order().ToList();
        var missing = all.Count - present.Count;
        if (present.Count == 0)
        {
            return new Summary(0, missing, null, null, null);
        }

        return new Summary(present.Count, missing, RobustStatistics.Median(present), present[0], present[^1]);
    }

    /// <summary>Summarizes values that were all reached.</summary>
    public static Summary Of(IEnumerable<double> values) => Of(values.Select(v => (double?)v));
}
