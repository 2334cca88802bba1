using Resilience.ChaosSuite.Measurement;

namespace Resilience.ChaosSuite.Reports.History;

/// <summary>One run's value of a measurement.</summary>
/// <param name="At">When the run started.</param>
/// <param name="Value">The value; null when the awaited event did not happen.</param>
/// <param name="Baseline">What the runs before it said (null: too few of them).</param>
/// <param name="Trend">How the value compares with <paramref name="Baseline"/>.</param>
/// <param name="Source">The report.json it came from.</param>
internal sealed record MeasurementPoint(DateTimeOffset At, double? Value, Baseline? Baseline, Trend Trend, string Source);

/// <summary>A measurement of a scenario over the runs, oldest first.</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Measurement">The measurement's DESIGN.md name.</param>
/// <param name="Target">The newest run's target for it; null when it has none.</param>
/// <param name="Points">Each run's value.</param>
internal sealed record MeasurementSeries(string Scenario, string Measurement, double? Target, IReadOnlyList<MeasurementPoint> Points);

/// <summary>Turns a stack's past reports into one series per scenario and measurement.</summary>
internal static class MeasurementHistory
{
    /// <summary>True when a scenario's figures belong in the history: it ran to the end (passed or failed), it was not aborted or a dry run.</summary>
    public static bool Counts(ScenarioReport scenario) => scenario?.Outcome is "passed" or "failed";

    /// <summary>The value of <paramref name="measurement"/> of <paramref name="scenario"/> in <paramref name="report"/>; Present false when the report has none.</summary>
    public static (bool Present, double? Value) ValueIn(ReportModel report, string scenario, string measurement)
    {
        ArgumentNullException.ThrowIfNull(report);
        var run = report.Scenarios.FirstOrDefault(s => s.Name == scenario && Counts(s));
        return run is not null && run.Measurements.TryGetValue(measurement, out var value) ? (true, value) : (false, null);
    }

    /// <summary>Every scenario's measurements over <paramref name="archive"/> (oldest first), each point judged by <paramref name="rule"/> against the ones before it.</summary>
    public static IReadOnlyList<MeasurementSeries> Build(IReadOnlyList<ArchivedReport> archive, RegressionRule rule)
    {
        ArgumentNullException.ThrowIfNull(archive);
        ArgumentNullException.ThrowIfNull(rule);
        var ordered = archive.OrderBy(a => a.Report.StartedAt).ToList();
        var keys = ordered
            .SelectMany(a => a.Report.Scenarios.Where(Counts))
            .SelectMany(s => s.Measurements.Keys.Select(m => (Scenario: s.Name, Measurement: m)))
            .Distinct()
            .OrderBy(k => FirstSeen(ordered, k.Scenario))
            .ThenBy(k => DesignOrder(k.Measurement))
            .ThenBy(k => k.Measurement, StringComparer.Ordinal);
        var series = new List<MeasurementSeries>();
        foreach (var (scenario, measurement) in keys)
        {
            var points = new List<MeasurementPoint>();
            var previous = new List<double?>();
            foreach (var entry in ordered)
            {
                var (present, value) = ValueIn(entry.Report, scenario, measurement);
                if (!present)
                {
                    continue;
                }

                var baseline = rule.BaselineOf(measurement, previous);
                points.Add(new MeasurementPoint(entry.Report.StartedAt, value, baseline, RegressionRule.TrendOf(value, baseline), entry.Path));
                previous.Add(value);
            }

            series.Add(new MeasurementSeries(scenario, measurement, LatestTarget(ordered, scenario, measurement), points));
        }

        return series;
    }

    private static int FirstSeen(List<ArchivedReport> ordered, string scenario)
    {
        // Scenarios in the order the newest game-day runs them.
        var newest = ordered[^1].Report.Scenarios.Select(s => s.Name).ToList();
        var index = newest.IndexOf(scenario);
        return index >= 0 ? index : newest.Count + ordered.FindIndex(a => a.Report.Scenarios.Any(s => s.Name == scenario));
    }

    private static int DesignOrder(string measurement)
    {
        var index = MeasurementNames.Design.ToList().IndexOf(measurement);
        return index >= 0 ? index : int.MaxValue;
    }

    private static double? LatestTarget(List<ArchivedReport> ordered, string scenario, string measurement) =>
        ordered.AsEnumerable().Reverse()
            .SelectMany(a => a.Report.Scenarios.Where(s => s.Name == scenario).SelectMany(s => s.Targets))
            .FirstOrDefault(t => t.Name == measurement)?.Target;
}
