namespace Resilience.ChaosSuite.Reports.History;

/// <summary>What a measurement's previous runs say a new value should be.</summary>
/// <param name="Median">The median of their values.</param>
/// <param name="Margin">The noise margin around it (<see cref="RegressionRuleOptions"/>).</param>
/// <param name="Runs">How many runs it is over.</param>
internal sealed record Baseline(double Median, double Margin, int Runs)
{
    /// <summary>The highest value that is not a regression.</summary>
    public double Limit => Median + Margin;
}

/// <summary>How a run's value compares with its baseline.</summary>
internal enum Trend
{
    /// <summary>Too few previous runs to say.</summary>
    Unjudged,

    /// <summary>Within the noise margin of the median.</summary>
    Steady,

    /// <summary>Lower than the median by more than the margin.</summary>
    Better,

    /// <summary>Higher than the median by more than the margin, or not reached: a regression.</summary>
    Regression,
}
