using System.Globalization;
using Resilience.Bench.Statistics;
using Resilience.Topology;

namespace Resilience.Bench.Reports;

/// <summary>How figures look in the Markdown table: seconds with two decimals, counts whole, ranges in brackets.</summary>
public static class Cells
{
    /// <summary>What a cell shows when there is nothing to show.</summary>
    public const string None = "–";

    /// <summary>
    /// <c>median (min–max)</c>, just <c>median</c> when all runs agree, and <c>, k not reached</c> when some runs
    /// never saw the measured event; <see cref="None"/> for no run.
    /// </summary>
    public static string Summary(Summary summary, bool seconds)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.Count == 0)
        {
            return summary.Missing == 0 ? None : $"not reached ({summary.Missing} of {summary.Missing})";
        }

        var text = Number(summary.Median!.Value, seconds);
        if (summary.Min != summary.Max)
        {
            text += $" ({Number(summary.Min!.Value, seconds)}–{Number(summary.Max!.Value, seconds)})";
        }

        if (summary.Missing > 0)
        {
            text += $", {summary.Missing} of {summary.Count + summary.Missing} not reached";
        }

        return text;
    }

    /// <summary>A ratio with two decimals, or <see cref="None"/>.</summary>
    public static string Ratio(double? ratio) => ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : None;

    /// <summary>Seconds with two decimals; counts whole (a median of an even count may end in .5).</summary>
    public static string Number(double value, bool seconds) =>
        value.ToString(seconds ? "0.00" : "0.#", CultureInfo.InvariantCulture);

    /// <summary>Bytes in SI units (<see cref="ByteSize"/>), as every report of the repository writes them.</summary>
    public static string Bytes(long bytes) => ByteSize.Format(bytes);

    /// <summary>Makes text safe inside a table cell.</summary>
    public static string Escape(string text) =>
        (text ?? "").Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
