using Resilience.Bench.Statistics;

namespace Resilience.Bench.Results;

/// <summary>Turns the comparison's samples into rows: per scenario, per measurement the scenario reports, both configurations.</summary>
public static class Comparison
{
    /// <summary>
    /// Rows for every scenario (in <paramref name="scenarios"/>' order) and every measurement of
    /// <see cref="BenchMeasurements.Compared"/> that some non-aborted run of the scenario reported.
    /// Aborted runs are left out of the figures (they are listed with their reasons elsewhere).
    /// </summary>
    public static IReadOnlyList<ComparisonRow> Build(
        IReadOnlyList<RunSample> samples, IReadOnlyList<string> scenarios, string ours, string baseline)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(scenarios);
        var rows = new List<ComparisonRow>();
        foreach (var scenario in scenarios)
        {
            var counted = samples.Where(s => s.Scenario == scenario && !s.Aborted).ToList();
            foreach (var measurement in BenchMeasurements.Compared.Where(m => counted.Any(s => s.Measures(m))))
            {
                var o = Summarize(counted, ours, measurement);
                var b = Summarize(counted, baseline, measurement);
                rows.Add(new ComparisonRow(scenario, measurement, o, b, Ratio.OfMedians(o, b)));
            }
        }

        return rows;
    }

    private static Summary Summarize(IEnumerable<RunSample> samples, string configuration, string measurement) =>
        Summary.Of(samples.Where(s => s.Configuration == configuration && s.Measures(measurement)).Select(s => s.Get(measurement)));
}
