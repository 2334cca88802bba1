using System.Globalization;
using System.Net;
using System.Text;

namespace Resilience.ChaosSuite.Reports.History;

/// <summary>
/// One measurement over the runs as a small inline SVG: a point per run on a time axis, the target as a dashed
/// line, the baseline limit of the newest run as a dotted one, regressions ringed, runs that did not reach it as crosses.
/// </summary>
internal static class SvgHistoryChart
{
    /// <summary>Colour of the values' line and points.</summary>
    public const string ValueColor = "#1f78b4";

    /// <summary>Colour of the target line.</summary>
    public const string TargetColor = "#33a02c";

    /// <summary>Colour of regressions (rings, crosses, the limit line).</summary>
    public const string RegressionColor = "#e31a1c";

    private const int Width = 440;
    private const int Height = 170;
    private const int Left = 52;
    private const int Right = 12;
    private const int Top = 14;
    private const int Bottom = 30;

    /// <summary>The chart of <paramref name="series"/>.</summary>
    public static string Render(MeasurementSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var points = series.Points;
        var values = points.Select(p => p.Value).OfType<double>().ToList();
        var limit = points[^1].Baseline?.Limit;
        var top = new[] { values.DefaultIfEmpty(0).Max(), series.Target ?? 0, limit ?? 0 }.Max();
        top = top <= 0 ? 1 : top * 1.1;
        var (t0, t1) = (points[0].At, points[^1].At);
        var span = Math.Max((t1 - t0).TotalSeconds, 1);
        double X(DateTimeOffset at) => points.Count == 1 ? Left + ((Width - Left - Right) / 2.0) : Left + ((at - t0).TotalSeconds / span * (Width - Left - Right));
        double Y(double v) => Top + ((1 - (v / top)) * (Height - Top - Bottom));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Esc(series.Scenario)} {Esc(series.Measurement)}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{Top}\" width=\"{Width - Left - Right}\" height=\"{Height - Top - Bottom}\" fill=\"#fafafa\" stroke=\"#ccc\"/>");
        foreach (var tick in new[] { 0, top / 2, top })
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"small\" x=\"{Left - 4}\" y=\"{Y(tick) + 3:0.#}\" text-anchor=\"end\">{tick:0.##}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"small\" x=\"{Left}\" y=\"{Height - 8}\">{t0:MM-dd HH:mm}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"small\" x=\"{Width - Right}\" y=\"{Height - 8}\" text-anchor=\"end\">{t1:MM-dd HH:mm} UTC</text>");
        if (series.Target is { } target)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(target):0.#}\" y2=\"{Y(target):0.#}\" stroke=\"{TargetColor}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"><title>target {target:0.##}</title></line>");
        }

        if (limit is { } l)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Y(l):0.#}\" y2=\"{Y(l):0.#}\" stroke=\"{RegressionColor}\" stroke-width=\"1\" stroke-dasharray=\"2 3\"><title>regression limit of the newest run {l:0.##}</title></line>");
        }

        var line = string.Join(" ", points.Where(p => p.Value is not null).Select(p => FormattableString.Invariant($"{X(p.At):0.#},{Y(p.Value!.Value):0.#}")));
        svg.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{line}\" fill=\"none\" stroke=\"{ValueColor}\" stroke-width=\"2\"/>");
        foreach (var p in points)
        {
            var x = X(p.At);
            if (p.Value is not { } v)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{Top + 12}\" text-anchor=\"middle\" fill=\"{RegressionColor}\" font-size=\"14\">×<title>{p.At:yyyy-MM-dd HH:mm} not reached</title></text>");
                continue;
            }

            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x:0.#}\" cy=\"{Y(v):0.#}\" r=\"4\" fill=\"{ValueColor}\"><title>{p.At:yyyy-MM-dd HH:mm} {v:0.###}</title></circle>");
            if (p.Trend == Trend.Regression)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x:0.#}\" cy=\"{Y(v):0.#}\" r=\"9\" fill=\"none\" stroke=\"{RegressionColor}\" stroke-width=\"3\"/>");
            }
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Esc(string text) => WebUtility.HtmlEncode(text);
}
