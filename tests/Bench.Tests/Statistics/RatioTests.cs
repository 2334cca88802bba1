using Resilience.Bench.Statistics;

namespace Resilience.Bench.Tests.Statistics;

public sealed class RatioTests
{
    [Theory]
    [InlineData(4.0, 28.0, 4.0 / 28.0)]
    [InlineData(30.0, 10.0, 3.0)]
    [InlineData(0.0, 5.0, 0.0)]
    public void Ours_divided_by_baseline(double ours, double baseline, double expected)
    {
        Assert.Equal(expected, Ratio.Of(ours, baseline)!.Value, 9);
    }

    [Theory]
    [InlineData(null, 2.0)]
    [InlineData(2.0, null)]
    [InlineData(3.0, 0.0)]
    [InlineData(0.0, 0.0)]
    public void No_ratio_without_both_values_or_against_zero(double? ours, double? baseline)
    {
        Assert.Null(Ratio.Of(ours, baseline));
    }

    [Fact]
    public void Of_medians_uses_the_medians()
    {
        var ours = Summary.Of(new double[] { 1, 2, 100 });
        var baseline = Summary.Of(new double[] { 8, 8, 8 });

        Assert.Equal(0.25, Ratio.OfMedians(ours, baseline));
    }
}
