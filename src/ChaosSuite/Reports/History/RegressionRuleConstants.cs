namespace Resilience.ChaosSuite.Reports.History;

internal static class RegressionRuleConstants
{
    public const int BaselineRuns = 5;

    public const int MinimumBaselineRuns = 3;

    public const double SpreadFactor = 3;

    public const double RelativeFloor = 0.25;

    public const double SecondsFloor = 0.5;

    public const double CountFloor = 1;
}
