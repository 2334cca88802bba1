using System.Globalization;

namespace Resilience.Bench.Cli;

/// <summary>Parses the comma-separated lists of the command line (<c>--sizes 0.1,1,4</c>); <c>none</c> is the empty list.</summary>
internal static class ListParser
{
    /// <summary>The numbers in <paramref name="text"/>, or an error naming <paramref name="option"/> and the bad value.</summary>
    public static (IReadOnlyList<double> Values, string? Error) Numbers(string text, string option, double min, double max)
    {
        if (string.Equals(text.Trim(), "none", StringComparison.OrdinalIgnoreCase))
        {
            return ([], null);
        }

        var values = new List<double>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
            {
                return ([], $"{option}: '{part}' is not a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)} (a comma-separated list, or none)");
            }

            values.Add(v);
        }

        return values.Count == 0 ? ([], $"{option}: empty list (write none to skip the series)") : (values, null);
    }

    /// <summary>Whole numbers; see <see cref="Numbers"/>.</summary>
    public static (IReadOnlyList<int> Values, string? Error) Integers(string text, string option, int min, int max)
    {
        var (values, error) = Numbers(text, option, min, max);
        if (error is not null)
        {
            return ([], error);
        }

        var bad = values.FirstOrDefault(v => v != Math.Floor(v), double.NaN);
        return double.IsNaN(bad) ? ([.. values.Select(v => (int)v)], null) : ([], $"{option}: '{bad.ToString(CultureInfo.InvariantCulture)}' is not a whole number");
    }
}
