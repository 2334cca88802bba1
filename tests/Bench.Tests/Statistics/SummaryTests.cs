using Resilience.Bench.Statistics;

namespace Resilience.Bench.Tests.Statistics;

public sealed class SummaryTests
{
    [Fact]
    public void Odd_count_takes_the_middle_value()
    {
        var s = Summary.Of(new double[] { 9, 1, 5 });

        Assert.Equal(new Summary(3, 0, 5, 1, 9), s);
    }

    [Fact]
    public void Even_count_takes_the_mean_of_the_middle_two()
    {
        var s = Summary.Of(new double[] { 4, 1, 3, 10 });

        Assert.Equal(3.5, s.Median);
        Assert.Equal(1, s.Min);
        Assert.Equal(10, s.Max);
    }

    [Fact]
    public void Runs_that_did_not_reach_the_event_are_counted_apart_not_as_zero()
    {
        var s = Summary.Of(new double?[] { 2, null, 6, null });

        Assert.Equal(2, s.Count);
        Assert.Equal(2, s.Missing);
        Assert.Equal(4, s.Median);
        Assert.Equal(2, s.Min);
    }

    [Fact]
    public void Only_missing_values_give_no_median()
    {
        var s = Summary.Of(new double?[] { null, null });

        Assert.Equal(new Summary(0, 2, null, null, null), s);
    }

    [Fact]
    public void No_values_is_empty()
    {
        Assert.Equal(Summary.Empty, Summary.Of(Array.Empty<double?>()));
    }

    [Fact]
    public void NaN_counts_as_missing()
    {
        var s = Summary.Of(new double?[] { double.NaN, 1 });

        Assert.Equal(1, s.Count);
        Assert.Equal(1, s.Missing);
    }
}
