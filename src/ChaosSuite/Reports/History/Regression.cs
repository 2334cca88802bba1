using System.Globalization;
using Resilience.ChaosSuite.Verdicts;

namespace Resilience.ChaosSuite.Reports.History;

/// <summary>A measurement worse than the median of its previous runs by more than the noise margin (<see cref="RegressionRule"/>).</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Measurement">The measurement's DESIGN.md name.</param>
/// <param name="Value">This run's value; null when the awaited event did not happen.</param>
/// <param name="BaselineMedian">The median of the previous runs' values.</param>
/// <param name="Margin">How far above the median a value may be before it is a regression.</param>
/// <param name="BaselineRuns">How many previous runs the median is over.</param>
internal sealed record Regression(string Scenario, string Measurement, double? Value, double BaselineMedian, double Margin, int BaselineRuns)
{
    /// <summary>The bound this run's value exceeded.</summary>
    public double Limit => BaselineMedian + Margin;

    /// <summary>The regression in one line.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Scenario} {Measurement}: {(Value is { } v ? Judge.Format(Measurement, v) : "not reached")} > median {Judge.Format(Measurement, BaselineMedian)} + margin {Judge.Format(Measurement, Margin)} of the previous {BaselineRuns} runs");
}
