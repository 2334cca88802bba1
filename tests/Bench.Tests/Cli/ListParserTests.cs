using Resilience.Bench.Cli;

namespace Resilience.Bench.Tests.Cli;

public sealed class ListParserTests
{
    [Fact]
    public void Comma_separated_numbers_keep_their_order()
    {
        var (values, error) = ListParser.Numbers("0.1, 1,4", "--sizes", 0.01, 64);

        Assert.Null(error);
        Assert.Equal([0.1, 1, 4], values);
    }

    [Fact]
    public void None_skips_the_series()
    {
        var (values, error) = ListParser.Integers("none", "--rates", 1, 20000);

        Assert.Null(error);
        Assert.Empty(values);
    }

    [Theory]
    [InlineData("2,x", "--replicas: 'x' is not a number from 1 to 8 (a comma-separated list, or none)")]
    [InlineData("2,9", "--replicas: '9' is not a number from 1 to 8 (a comma-separated list, or none)")]
    [InlineData("2.5", "--replicas: '2.5' is not a whole number")]
    [InlineData(",", "--replicas: empty list (write none to skip the series)")]
    public void Bad_values_are_named_with_the_option(string text, string expected)
    {
        var (_, error) = ListParser.Integers(text, "--replicas", 1, 8);

        Assert.Equal(expected, error);
    }
}
