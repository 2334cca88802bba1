using Resilience.Bench.Results;
using Resilience.Bench.Statistics;
using static Resilience.Bench.Tests.Samples;

namespace Resilience.Bench.Tests.Results;

public sealed class FigureChecksTests
{
    private const string W = BenchMeasurements.WriteUnavailableSeconds;
    private const string R = BenchMeasurements.ReaderRemovalSeconds;

    [Fact]
    public void A_median_above_the_bound_is_not_met()
    {
        var samples = new[] { Run("primary-failure", "ours", 1, (W, 6.6)), Run("replica-hardware-failure", "ours", 1, (R, 0.4)) };
        var rows = Comparison.Build(samples, ["primary-failure", "replica-hardware-failure"], "ours", "baseline");

        var checks = FigureChecks.Evaluate(rows, samples, GrowthResults.None, "ours");

        Assert.False(checks.Single(c => c.Figure.StartsWith(W, StringComparison.Ordinal)).Met);
        Assert.True(checks.Single(c => c.Figure.StartsWith(R, StringComparison.Ordinal)).Met);
    }

    [Fact]
    public void A_figure_this_run_did_not_measure_is_not_measured_never_met()
    {
        var checks = FigureChecks.Evaluate([], [], GrowthResults.None, "ours");

        Assert.All(checks, c => Assert.Null(c.Met));
    }

    [Fact]
    public void Lost_writes_add_up_over_every_run_and_unverified_ledgers_do_not_pass()
    {
        var samples = new[]
        {
            Run("primary-failure", "ours", 1, (BenchMeasurements.LostWrites, 0)),
            Run("primary-hang", "ours", 1, (BenchMeasurements.LostWrites, null)),
            Run("primary-failure", "baseline", 1, (BenchMeasurements.LostWrites, 3)),
        };

        var check = FigureChecks.Evaluate([], samples, GrowthResults.None, "ours").Single(c => c.Figure.StartsWith(BenchMeasurements.LostWrites, StringComparison.Ordinal));

        Assert.False(check.Met);
        Assert.Equal("0 over 2 run(s), 1 not verified", check.Measured);
    }

    [Fact]
    public void Replacement_is_judged_at_the_largest_size_against_one_and_a_half_copies_plus_ten_seconds()
    {
        var small = new SizePoint(0.1, 7, 100, Summary.Of(new double[] { 100 }), Summary.Empty, Summary.Of(new double[] { 1 }), 100, 11.5);
        var large = new SizePoint(4, 268, 4L << 30, Summary.Of(new double[] { 70 }), Summary.Empty, Summary.Of(new double[] { 40 }), 1.75, 70);
        var growth = new GrowthResults([small, large], [], []);

        var check = FigureChecks.Evaluate([], [], growth, "ours").Single(c => c.Figure.StartsWith(BenchMeasurements.ReplacementSeconds, StringComparison.Ordinal));

        Assert.True(check.Met);
        Assert.Contains("at 4 GB", check.Figure, StringComparison.Ordinal);
        Assert.Contains("= 70 s", check.Target, StringComparison.Ordinal);
    }
}
