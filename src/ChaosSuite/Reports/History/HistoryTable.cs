using System.Globalization;
using System.Text;
using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Verdicts;

namespace Resilience.ChaosSuite.Reports.History;

/// <summary>The history as plain text: per scenario, one row per measurement with its last values, target and trend.</summary>
internal static class HistoryTable
{
    private static readonly char[] Bars = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

    /// <summary>The table of <paramref name="series"/>, showing each measurement's last <paramref name="last"/> values (oldest first).</summary>
    public static string Render(IReadOnlyList<MeasurementSeries> series, int last)
    {
        ArgumentNullException.ThrowIfNull(series);
        var text = new StringBuilder();
        foreach (var scenario in series.GroupBy(s => s.Scenario))
        {
            text.AppendLine(scenario.Key);
            var rows = scenario.Select(s => Row(s, last)).ToList();
            var header = new[] { "measurement", $"last {last} (oldest first)", "", "target", "baseline", "trend" };
            var widths = Enumerable.Range(0, header.Length).Select(i => rows.Append(header).Max(r => r[i].Length)).ToArray();
            foreach (var row in rows.Prepend(header))
            {
                text.Append("  ").AppendJoin("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).AppendLine();
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    private static string[] Row(MeasurementSeries series, int last)
    {
        var shown = series.Points.TakeLast(last).ToList();
        var newest = shown[^1];
        return
        [
            series.Measurement,
            string.Join(" ", shown.Select(p => Value(series.Measurement, p.Value, withUnit: false))),
            Sparkline(shown),
            series.Target is { } t ? $"<= {Judge.Format(series.Measurement, t)}" : "-",
            newest.Baseline is { } b ? $"{Value(series.Measurement, b.Median, withUnit: false)} ±{Value(series.Measurement, b.Margin, withUnit: false)} ({b.Runs} runs)" : "-",
            TrendText(newest),
        ];
    }

    /// <summary>The newest point's trend, spelled for people.</summary>
    public static string TrendText(MeasurementPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return point.Trend switch
        {
            Trend.Regression => point.Value is null ? "REGRESSION (not reached)" : $"REGRESSION (> {point.Baseline!.Limit.ToString("0.##", CultureInfo.InvariantCulture)})",
            Trend.Better => "better",
            Trend.Steady => "steady",
            _ => "too few runs",
        };
    }

    private static string Value(string measurement, double? value, bool withUnit) => value switch
    {
        null => "n/r",
        { } v when withUnit => Judge.Format(measurement, v),
        { } v => v.ToString(MeasurementNames.IsSeconds(measurement) ? "0.00" : "0.##", CultureInfo.InvariantCulture),
    };

    private static string Sparkline(List<MeasurementPoint> points)
    {
        var values = points.Select(p => p.Value).OfType<double>().ToList();
        if (values.Count == 0)
        {
            return "";
        }

        var (min, max) = (values.Min(), values.Max());
        return new string([.. points.Select(p => p.Value is { } v ? Bars[max > min ? (int)Math.Round((v - min) / (max - min) * (Bars.Length - 1)) : 0] : '×')]);
    }
}
