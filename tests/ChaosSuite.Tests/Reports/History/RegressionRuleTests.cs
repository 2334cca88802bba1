using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Reports.History;

namespace Resilience.ChaosSuite.Tests.Reports.History;

public class RegressionRuleTests
{
    private const string Seconds = MeasurementNames.WriteUnavailableSeconds;
    private const string Count = MeasurementNames.FailedWrites;
    private static readonly RegressionRule Rule = new();

    [Fact]
    public void A_value_above_the_median_plus_the_spread_margin_is_a_regression_and_one_inside_it_is_not()
    {
        // median 8, MAD 1 -> spread margin 3 x 1.4826 x 1 = 4.45 (above 25 % of 8 = 2 and the 0.5 s floor): limit 12.45.
        double?[] previous = [7, 8, 9, 6, 10];

        var regression = Rule.Judge("primary-hang", Seconds, 12.5, previous);

        Assert.NotNull(regression);
        Assert.Equal(8, regression.BaselineMedian);
        Assert.Equal(4.448, regression.Margin);
        Assert.Equal(5, regression.BaselineRuns);
        Assert.Null(Rule.Judge("primary-hang", Seconds, 12.4, previous));
    }

    [Fact]
    public void Runs_that_agree_closely_fall_back_to_the_relative_floor()
    {
        // MAD 0: the margin is 25 % of the median 8 = 2.
        double?[] previous = [8, 8, 8, 8, 8];

        Assert.Null(Rule.Judge("s", Seconds, 10, previous));
        Assert.Equal(2, Rule.Judge("s", Seconds, 10.01, previous)!.Margin);
    }

    [Fact]
    public void Small_medians_use_the_unit_floor_half_a_second_or_one_count()
    {
        Assert.Null(Rule.Judge("s", Seconds, 0.7, [0.2, 0.2, 0.2]));
        Assert.NotNull(Rule.Judge("s", Seconds, 0.71, [0.2, 0.2, 0.2]));
        Assert.Null(Rule.Judge("s", Count, 1, [0, 0, 0, 0, 0]));
        Assert.NotNull(Rule.Judge("s", Count, 2, [0, 0, 0, 0, 0]));
    }

    [Fact]
    public void Only_the_last_five_runs_that_reached_the_measurement_count()
    {
        // The old slow runs and the unreached one are outside the window: median 2, limit 2.5.
        double?[] previous = [30, 30, 30, 2, null, 2, 2, 2, 2];

        var regression = Rule.Judge("s", Seconds, 3, previous)!;

        Assert.Equal(2, regression.BaselineMedian);
        Assert.Equal(5, regression.BaselineRuns);
    }

    [Fact]
    public void Fewer_than_three_previous_values_judge_nothing()
    {
        Assert.Null(Rule.Judge("s", Seconds, 100, [1, 1, null, null]));
        Assert.Null(Rule.BaselineOf(Seconds, [1, 1]));
    }

    [Fact]
    public void Not_reached_after_a_baseline_that_reached_it_is_a_regression()
    {
        var regression = Rule.Judge("s", MeasurementNames.ReplacementSeconds, null, [8, 9, 10]);

        Assert.NotNull(regression);
        Assert.Null(regression.Value);
        Assert.Contains("not reached > median 9.00 s", regression.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Lower_is_better_and_beyond_the_margin_it_says_so()
    {
        var baseline = Rule.BaselineOf(Seconds, [8, 8, 8]);

        Assert.Equal(Trend.Better, RegressionRule.TrendOf(5.9, baseline));
        Assert.Equal(Trend.Steady, RegressionRule.TrendOf(6.5, baseline));
        Assert.Equal(Trend.Regression, RegressionRule.TrendOf(10.5, baseline));
        Assert.Equal(Trend.Unjudged, RegressionRule.TrendOf(10.5, null));
    }

    [Fact]
    public void A_run_is_judged_only_against_earlier_runs_of_its_stack_that_ran_to_the_end()
    {
        var archive = HistoryFixtures.Archive(
            HistoryFixtures.Report(0, 0.2),
            HistoryFixtures.Report(1, 0.2),
            HistoryFixtures.Report(2, 0.2, outcome: "aborted"),
            HistoryFixtures.Report(3, 0.2, stack: "other"),
            HistoryFixtures.Report(4, 0.2),
            HistoryFixtures.Report(9, 0.2)); // later than the judged run: ignored
        var current = HistoryFixtures.Report(5, 2.1);

        var regression = Assert.Single(Rule.Judge(current, archive));

        Assert.Equal((MeasurementNames.ReaderRemovalSeconds, 3), (regression.Measurement, regression.BaselineRuns));
        Assert.Empty(Rule.Judge(current, archive.Take(2).ToList()));
    }

    [Fact]
    public void Options_defaults_are_pinned_and_an_inconsistent_window_is_refused()
    {
        var o = new RegressionRuleOptions();

        Assert.Equal((5, 3, 3.0, 0.25, 0.5, 1.0), (o.BaselineRuns, o.MinimumBaselineRuns, o.SpreadFactor, o.RelativeFloor, o.SecondsFloor, o.CountFloor));
        var e = Assert.Throws<Topology.Options.OptionsValidationException>(() => new RegressionRule(new RegressionRuleOptions { BaselineRuns = 2 }));
        Assert.Equal("RegressionRuleOptions is invalid: MinimumBaselineRuns: must be at most BaselineRuns (2), got 3", e.Message);
    }
}
