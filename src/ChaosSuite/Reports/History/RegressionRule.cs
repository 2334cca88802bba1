using Resilience.Topology.Options;
using Resilience.ChaosSuite.Measurement;

namespace Resilience.ChaosSuite.Reports.History;

/// <summary>Flags measurements worse than their recent history (<see cref="RegressionRuleOptions"/> says when).</summary>
internal sealed class RegressionRule
{
    // The MAD of normally distributed values times this estimates their standard deviation.
    private const double MadToStandardDeviation = 1.4826;

    private readonly RegressionRuleOptions _options;

    /// <summary>A rule with <paramref name="options"/> (the defaults when null).</summary>
    public RegressionRule(RegressionRuleOptions? options = null)
    {
        _options = options ?? new RegressionRuleOptions();
        OptionsValidator.Validate(_options);
    }

    /// <summary>The noise margin above the median of <paramref name="baseline"/> for <paramref name="measurement"/>.</summary>
    public double Margin(string measurement, IReadOnlyCollection<double> baseline)
    {
        var median = RobustStatistics.Median(baseline);
        var spread = _options.SpreadFactor * MadToStandardDeviation * RobustStatistics.MedianAbsoluteDeviation(baseline);
        var unitFloor = MeasurementNames.IsSeconds(measurement) ? _options.SecondsFloor : _options.CountFloor;
        return Math.Max(spread, Math.Max(_options.RelativeFloor * Math.Abs(median), unitFloor));
    }

    /// <summary>
    /// The median and noise margin of <paramref name="previous"/>, the earlier runs' values oldest first (null where
    /// not reached: those are skipped); null when fewer than the minimum of them reached the measurement.
    /// </summary>
    public Baseline? BaselineOf(string measurement, IEnumerable<double?> previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        var values = previous.OfType<double>().Where(double.IsFinite).TakeLast(_options.BaselineRuns).ToArray();
        return values.Length < _options.MinimumBaselineRuns
            ? null
            : new Baseline(Math.Round(RobustStatistics.Median(values), 3), Math.Round(Margin(measurement, values), 3), values.Length);
    }

    /// <summary>
    /// Judges <paramref name="value"/> against <paramref name="previous"/> (see <see cref="BaselineOf"/>): null when it is
    /// no regression or there is too little history. A value not reached (null) after a baseline that reached it is a regression.
    /// </summary>
    public Regression? Judge(string scenario, string measurement, double? value, IEnumerable<double?> previous) =>
        BaselineOf(measurement, previous) is { } b && !(value is { } v && v <= b.Limit)
            ? new Regression(scenario, measurement, value, b.Median, b.Margin, b.Runs)
            : null;

    /// <summary>How <paramref name="value"/> compares with <paramref name="baseline"/>.</summary>
    public static Trend TrendOf(double? value, Baseline? baseline)
    {
        if (baseline is null)
        {
            return Trend.Unjudged;
        }

        if (value is not { } v || v > baseline.Limit)
        {
            return Trend.Regression;
        }

        return v < baseline.Median - baseline.Margin ? Trend.Better : Trend.Steady;
    }

    /// <summary>Every regression of <paramref name="current"/> against the earlier reports in <paramref name="archive"/>.</summary>
    public IReadOnlyList<Regression> Judge(ReportModel current, IReadOnlyList<ArchivedReport> archive)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(archive);
        var earlier = archive.Where(a => a.Report.IsFrom(current.Stack, current.Cell) && a.Report.StartedAt < current.StartedAt).OrderBy(a => a.Report.StartedAt).ToList();
        var regressions = new List<Regression>();
        foreach (var scenario in current.Scenarios.Where(MeasurementHistory.Counts))
        {
            foreach (var (measurement, value) in scenario.Measurements)
            {
                var previous = earlier.Select(a => MeasurementHistory.ValueIn(a.Report, scenario.Name, measurement)).Where(p => p.Present).Select(p => p.Value);
                if (Judge(scenario.Name, measurement, value, previous) is { } regression)
                {
                    regressions.Add(regression);
                }
            }
        }

        return regressions;
    }
}
