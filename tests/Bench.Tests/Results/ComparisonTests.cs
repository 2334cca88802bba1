using Resilience.Bench.Results;
using static Resilience.Bench.Tests.Samples;

namespace Resilience.Bench.Tests.Results;

public sealed class ComparisonTests
{
    private const string W = BenchMeasurements.WriteUnavailableSeconds;
    private const string L = BenchMeasurements.LostWrites;

    [Fact]
    public void Rows_per_scenario_and_reported_measurement_with_the_ratio_of_medians()
    {
        var samples = new[]
        {
            Run("primary-failure", "ours", 1, (W, 4), (L, 0)),
            Run("primary-failure", "baseline", 1, (W, 28), (L, 0)),
            Run("primary-failure", "ours", 2, (W, 6), (L, 0)),
            Run("primary-failure", "baseline", 2, (W, 30), (L, 0)),
        };

        var rows = Comparison.Build(samples, ["primary-failure"], "ours", "baseline");

        Assert.Equal([W, L], rows.Select(r => r.Measurement));
        var w = rows[0];
        Assert.Equal(5, w.Ours.Median);
        Assert.Equal(29, w.Baseline.Median);
        Assert.Equal(5.0 / 29.0, w.Ratio!.Value, 9);
        Assert.Null(rows[1].Ratio);
    }

    [Fact]
    public void Aborted_runs_are_left_out()
    {
        var samples = new[]
        {
            Run("primary-failure", "ours", 1, (W, 4)),
            Run("primary-failure", "ours", 2, "aborted", (W, 99)),
            Run("primary-failure", "baseline", 1, (W, 28)),
        };

        var row = Assert.Single(Comparison.Build(samples, ["primary-failure"], "ours", "baseline"));

        Assert.Equal(1, row.Ours.Count);
        Assert.Equal(4, row.Ours.Max);
    }

    [Fact]
    public void A_measurement_not_reached_is_missing_not_zero()
    {
        var samples = new[]
        {
            Run("primary-failure", "ours", 1, (W, 4)),
            Run("primary-failure", "baseline", 1, (W, null)),
        };

        var row = Assert.Single(Comparison.Build(samples, ["primary-failure"], "ours", "baseline"));

        Assert.Equal(1, row.Baseline.Missing);
        Assert.Null(row.Baseline.Median);
        Assert.Null(row.Ratio);
    }

    [Fact]
    public void Scenarios_keep_the_given_order_and_unrun_ones_have_no_rows()
    {
        var samples = new[]
        {
            Run("b", "ours", 1, (W, 1)),
            Run("a", "ours", 1, (W, 2)),
        };

        var rows = Comparison.Build(samples, ["a", "b", "c"], "ours", "baseline");

        Assert.Equal(["a", "b"], rows.Select(r => r.Scenario));
    }

    [Fact]
    public void The_write_stall_an_observation_of_the_suite_is_compared_like_a_measurement()
    {
        var stalls = new Dictionary<string, double> { [BenchMeasurements.WriteStallSeconds] = 0.8 };
        var samples = new[]
        {
            Run("primary-failure", "ours", 1, (W, 0.7)) with { Observations = stalls },
            Run("primary-failure", "ours", 2, (W, 2.0)) with { Observations = new Dictionary<string, double> { [BenchMeasurements.WriteStallSeconds] = 2.1 } },
        };

        var rows = Comparison.Build(samples, ["primary-failure"], "ours", "baseline");

        Assert.Equal([W, BenchMeasurements.WriteStallSeconds], rows.Select(r => r.Measurement));
        Assert.Equal(2.1, rows[1].Ours.Max);
        Assert.Equal(1.45, rows[1].Ours.Median!.Value, 9);
    }
}
