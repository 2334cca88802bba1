using System.Globalization;
using System.Net;
using System.Text;

namespace Resilience.ChaosSuite.Reports;

/// <summary>
/// A scenario's timeline as inline SVG (no script, no external resource): write and read rates with
/// failures, each member's state lane (primary, gate open, gate closed, starting, down), and the phases
/// as vertical lines, all on one axis of seconds from the injection.
/// </summary>
internal static class SvgTimelineChart
{
    private const int Width = 960;
    private const int Left = 150;
    private const int Right = 20;
    private const int Top = 70;
    private const int RateHeight = 90;
    private const int Gap = 26;
    private const int LaneHeight = 16;
    private const int LaneGap = 4;

    /// <summary>Colours of member states (also used by the legend).</summary>
    public static IReadOnlyDictionary<string, string> StateColors { get; } = new Dictionary<string, string>
    {
        ["primary"] = "#6a3d9a",
        ["open"] = "#33a02c",
        ["closed"] = "#ff7f00",
        ["starting"] = "#a6a6a6",
        ["down"] = "#e31a1c",
    };

    /// <summary>The chart of <paramref name="scenario"/>.</summary>
    public static string Render(ScenarioReport scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var series = scenario.Series;
        var x0 = series.StartOffset;
        var x1 = Math.Max(series.EndOffset, x0 + 1);
        double X(double offset) => Left + ((offset - x0) / (x1 - x0) * (Width - Left - Right));

        var lanesTop = Top + (2 * (RateHeight + Gap));
        var height = lanesTop + (series.Members.Count * (LaneHeight + LaneGap)) + 50;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" role=\"img\" aria-label=\"timeline of {Esc(scenario.Name)}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"0\" width=\"{Width}\" height=\"{height}\" fill=\"#ffffff\"/>");

        Rates(svg, "writes/s", series.WritesOk, series.WritesFailed, series, Top, X, "#1f78b4");
        Rates(svg, "reads/s", series.ReadsOk, series.ReadsFailed, series, Top + RateHeight + Gap, X, "#33a02c");
        Lanes(svg, series, lanesTop, X);
        Axis(svg, x0, x1, lanesTop + (series.Members.Count * (LaneHeight + LaneGap)) + 4, X);
        Phases(svg, scenario, height - 40, X);
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void Rates(StringBuilder svg, string label, IReadOnlyList<int> ok, IReadOnlyList<int> failed, TimelineSeries series, int top, Func<double, double> x, string color)
    {
        var perSecond = 1 / series.BucketSeconds;
        var max = Math.Max(1, ok.Concat(failed).DefaultIfEmpty(0).Max() * perSecond);
        double Y(double value) => top + RateHeight - (value / max * RateHeight);
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 8}\" y=\"{top + 12}\" text-anchor=\"end\" class=\"label\">{label}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 8}\" y=\"{top + 26}\" text-anchor=\"end\" class=\"small\">max {max:0}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{top + RateHeight}\" x2=\"{Width - Right}\" y2=\"{top + RateHeight}\" stroke=\"#999\"/>");
        var points = new StringBuilder();
        for (var i = 0; i < ok.Count; i++)
        {
            var offset = series.StartOffset + ((i + 0.5) * series.BucketSeconds);
            points.Append(CultureInfo.InvariantCulture, $"{x(offset):0.#},{Y(ok[i] * perSecond):0.#} ");
            if (failed[i] > 0)
            {
                var left = x(series.StartOffset + (i * series.BucketSeconds));
                var width = Math.Max(1.5, x(series.StartOffset + ((i + 1) * series.BucketSeconds)) - left);
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect x=\"{left:0.#}\" y=\"{Y(failed[i] * perSecond):0.#}\" width=\"{width:0.#}\" height=\"{top + RateHeight - Y(failed[i] * perSecond):0.#}\" fill=\"#e31a1c\"><title>{failed[i]} failed</title></rect>");
            }
        }

        svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.5\" points=\"{points.ToString().TrimEnd()}\"/>");
    }

    private static void Lanes(StringBuilder svg, TimelineSeries series, int top, Func<double, double> x)
    {
        for (var i = 0; i < series.Members.Count; i++)
        {
            var lane = series.Members[i];
            var y = top + (i * (LaneHeight + LaneGap));
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 8}\" y=\"{y + 12}\" text-anchor=\"end\" class=\"label\">{Esc(lane.Name)}</text>");
            foreach (var segment in lane.Segments)
            {
                var left = x(segment.From);
                var width = Math.Max(1.5, x(Math.Max(segment.To, segment.From + (series.BucketSeconds / 2))) - left);
                var color = StateColors.TryGetValue(segment.State, out var c) ? c : "#000000";
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect x=\"{left:0.#}\" y=\"{y}\" width=\"{width:0.#}\" height=\"{LaneHeight}\" fill=\"{color}\" class=\"state-{segment.State}\"><title>{Esc(lane.Name)}: {segment.State} {segment.From:0.00} s to {segment.To:0.00} s</title></rect>");
            }
        }
    }

    private static void Axis(StringBuilder svg, double x0, double x1, int y, Func<double, double> x)
    {
        var span = x1 - x0;
        var step = new[] { 1.0, 2, 5, 10, 15, 30, 60, 120, 300 }.FirstOrDefault(s => span / s <= 12, 600);
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{y}\" x2=\"{Width - Right}\" y2=\"{y}\" stroke=\"#333\"/>");
        for (var t = Math.Ceiling(x0 / step) * step; t <= x1; t += step)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x(t):0.#}\" y1=\"{y}\" x2=\"{x(t):0.#}\" y2=\"{y + 5}\" stroke=\"#333\"/>");
            var label = Math.Abs(t) < 1e-9 ? 0 : t;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x(t):0.#}\" y=\"{y + 18}\" text-anchor=\"middle\" class=\"small\">{label:0.#}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right}\" y=\"{y + 32}\" text-anchor=\"end\" class=\"small\">seconds from the fault</text>");
    }

    private static void Phases(StringBuilder svg, ScenarioReport scenario, int bottom, Func<double, double> x)
    {
        var shown = scenario.Timeline.Where(p => p.Phase is not "workload-stopped" and not "ledger-verified").ToList();
        for (var i = 0; i < shown.Count; i++)
        {
            var phase = shown[i];
            var px = x(phase.OffsetSeconds);
            var injected = phase.Phase == "fault-injected";
            var labelY = 14 + ((i % 4) * 13);
            svg.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{px:0.#}\" y1=\"{labelY + 3}\" x2=\"{px:0.#}\" y2=\"{bottom}\" stroke=\"{(injected ? "#e31a1c" : "#555")}\" stroke-width=\"{(injected ? 2 : 1)}\" stroke-dasharray=\"{(injected ? "none" : "3,3")}\" class=\"phase\"><title>{Esc(phase.Phase)} at {phase.OffsetSeconds:0.00} s: {Esc(phase.Detail ?? "")}</title></line>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{px + 3:0.#}\" y=\"{labelY}\" class=\"small phase-label\">{Esc(phase.Phase)}</text>");
        }
    }

    private static string Esc(string text) => WebUtility.HtmlEncode(text);
}
