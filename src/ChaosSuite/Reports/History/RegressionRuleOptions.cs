using System.ComponentModel.DataAnnotations;
namespace Resilience.ChaosSuite.Reports.History;

/// <summary>
/// When a measurement counts as a regression: worse (higher; every target is an upper bound) than the median of
/// its previous runs by more than a noise margin. margin = max(SpreadFactor x 1.4826 x MAD, RelativeFloor x |median|,
/// the unit's floor), where MAD is the median absolute deviation of those runs (x 1.4826 it estimates a standard
/// deviation without letting one outlier in the baseline widen the margin).
/// </summary>
internal sealed class RegressionRuleOptions : IValidatableObject
{
    /// <summary>Gets or sets how many previous runs (that reached the measurement) the median is over.</summary>
    /// <value>Defaults to 5.</value>
    [Range(1, 1000)]
    public int BaselineRuns { get; set; } = RegressionRuleConstants.BaselineRuns;

    /// <summary>Gets or sets how many previous runs are needed before anything is judged (a median of one or two runs is noise).</summary>
    /// <value>Defaults to 3.</value>
    [Range(1, 1000)]
    public int MinimumBaselineRuns { get; set; } = RegressionRuleConstants.MinimumBaselineRuns;

    /// <summary>Gets or sets how many scaled MADs above the median are still noise.</summary>
    /// <value>Defaults to 3.</value>
    [Range(0.0, 100.0)]
    public double SpreadFactor { get; set; } = RegressionRuleConstants.SpreadFactor;

    /// <summary>Gets or sets the smallest margin as a fraction of the median (runs that agree closely by chance must not flag every small change).</summary>
    /// <value>Defaults to 0.25 (25 %).</value>
    [Range(0.0, 100.0)]
    public double RelativeFloor { get; set; } = RegressionRuleConstants.RelativeFloor;

    /// <summary>Gets or sets the smallest margin of a measurement in seconds (the measurers' resolution is the 250 ms supervisor and HAProxy ticks).</summary>
    /// <value>Defaults to 0.5 seconds.</value>
    [Range(0.0, 86_400.0)]
    public double SecondsFloor { get; set; } = RegressionRuleConstants.SecondsFloor;

    /// <summary>Gets or sets the smallest margin of a count (failed writes, cold reads...).</summary>
    /// <value>Defaults to 1.</value>
    [Range(0.0, 1e9)]
    public double CountFloor { get; set; } = RegressionRuleConstants.CountFloor;

    /// <summary>A median needs its minimum number of runs within the runs it is over.</summary>
    /// <param name="validationContext">Unused.</param>
    /// <returns>The problem, if any.</returns>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinimumBaselineRuns > BaselineRuns)
        {
            yield return new ValidationResult($"must be at most BaselineRuns ({BaselineRuns})", [nameof(MinimumBaselineRuns)]);
        }
    }
}
