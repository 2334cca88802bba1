using Resilience.Bench.Reports;
using Resilience.Bench.Statistics;

namespace Resilience.Bench.Tests.Reports;

public sealed class CellsTests
{
    [Fact]
    public void Seconds_show_median_then_range()
    {
        Assert.Equal("4.10 (3.90–5.02)", Cells.Summary(Summary.Of(new[] { 5.02, 4.1, 3.9 }), seconds: true));
    }

    [Fact]
    public void Agreeing_runs_show_one_value()
    {
        Assert.Equal("0", Cells.Summary(Summary.Of(new double[] { 0, 0, 0 }), seconds: false));
    }

    [Fact]
    public void Runs_not_reached_are_named()
    {
        Assert.Equal("28.00, 1 of 2 not reached", Cells.Summary(Summary.Of(new double?[] { 28, null }), seconds: true));
        Assert.Equal("not reached (2 of 2)", Cells.Summary(Summary.Of(new double?[] { null, null }), seconds: true));
    }

    [Fact]
    public void Nothing_is_a_dash()
    {
        Assert.Equal("–", Cells.Summary(Summary.Empty, seconds: true));
        Assert.Equal("–", Cells.Ratio(null));
        Assert.Equal("0.15", Cells.Ratio(0.1466));
    }

    [Fact]
    public void Bytes_in_si_units_like_every_report()
    {
        Assert.Equal("104.9 MB", Cells.Bytes(100L << 20));
        Assert.Equal("4.3 GB", Cells.Bytes(4L << 30));
        Assert.Equal("999 B", Cells.Bytes(999));
    }

    [Fact]
    public void Pipes_cannot_break_a_table()
    {
        Assert.Equal("a \\| b c", Cells.Escape("a | b\nc"));
    }
}
