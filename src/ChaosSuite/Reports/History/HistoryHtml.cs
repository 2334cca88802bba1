using System.Globalization;
using System.Net;
using System.Text;

namespace Resilience.ChaosSuite.Reports.History;

/// <summary>history.html: one self-contained page (inline CSS and SVG, no script, no network) with a chart per scenario and measurement.</summary>
internal static class HistoryHtml
{
    private const string ChartStyle = """
        .charts { display: flex; flex-wrap: wrap; gap: 12px; }
        .chart { border: 1px solid #ddd; padding: 6px; } .chart h3 { font-size: 14px; margin: 2px 0 4px; }
        .regression { color: #c00000; font-weight: bold; }
        """;

    /// <summary>The page for <paramref name="stack"/> over <paramref name="runs"/> reports.</summary>
    public static string Render(string stack, int runs, IReadOnlyList<MeasurementSeries> series, DateTimeOffset generatedAt)
    {
        ArgumentNullException.ThrowIfNull(series);
        var flagged = series.Count(s => s.Points[^1].Trend == Trend.Regression);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append(CultureInfo.InvariantCulture, $"<title>Chaos history {Esc(stack)}</title>");
        html.Append("<style>").Append(HtmlReport.Style).Append(ChartStyle).Append("</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>Chaos history: stack {Esc(stack)}</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">{runs} reports, generated {generatedAt:yyyy-MM-dd HH:mm} UTC. ");
        html.Append("Dashed green: the target. Dotted red: the newest run's regression limit (median of its previous runs plus the noise margin). Ringed: a regression. ×: not reached.</p>");
        html.Append(CultureInfo.InvariantCulture, $"<p id=\"regressions\" class=\"{(flagged > 0 ? "regression" : "passed")}\">{(flagged == 0 ? "no regression in the newest runs" : $"{flagged} measurements regressed in their newest run")}</p>");
        foreach (var scenario in series.GroupBy(s => s.Scenario))
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"{Esc(scenario.Key)}\">{Esc(scenario.Key)}</h2><div class=\"charts\">");
            foreach (var s in scenario)
            {
                var newest = s.Points[^1];
                var trend = HistoryTable.TrendText(newest);
                html.Append(CultureInfo.InvariantCulture, $"<div class=\"chart\"><h3>{Esc(s.Measurement)} <span class=\"{(newest.Trend == Trend.Regression ? "regression" : "muted")}\">{Esc(trend)}</span></h3>");
                html.Append(SvgHistoryChart.Render(s)).Append("</div>");
            }

            html.Append("</div>");
        }

        html.Append("</body></html>");
        return html.ToString();
    }

    private static string Esc(string text) => WebUtility.HtmlEncode(text);
}
