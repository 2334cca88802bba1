using System.Globalization;
using System.Net;
using System.Text;
using Resilience.ChaosSuite.Verdicts;

namespace Resilience.ChaosSuite.Reports;

/// <summary>report.html: one self-contained page (inline CSS and SVG, no script, no network) with a timeline chart per scenario.</summary>
internal static class HtmlReport
{
    internal const string Style = """
        body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 24px; color: #222; background: #fff; }
        h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 32px; border-top: 1px solid #ddd; padding-top: 16px; }
        table { border-collapse: collapse; margin: 8px 0; font-size: 13px; }
        th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: left; }
        .passed { color: #1b7a1b; font-weight: bold; } .failed, .aborted, .no { color: #c00000; font-weight: bold; }
        .label { font-size: 12px; fill: #222; } .small { font-size: 10px; fill: #444; }
        .legend span { display: inline-block; width: 12px; height: 12px; margin: 0 4px 0 12px; vertical-align: middle; }
        .muted { color: #666; font-size: 13px; }
        """;

    /// <summary>The report as one HTML page.</summary>
    public static string Render(ReportModel report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append(CultureInfo.InvariantCulture, $"<title>Chaos {Esc(report.Command)} {Esc(report.Stack)}: {Esc(report.Verdict)}</title>");
        html.Append("<style>").Append(Style).Append("</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>Chaos {Esc(report.Command)}: stack {Esc(report.Stack)} <span class=\"{Esc(report.Verdict)}\" id=\"verdict\">{Esc(report.Verdict.ToUpperInvariant())}</span></h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">platform {Esc(report.Platform)}, seed {report.Seed}, {report.StartedAt:yyyy-MM-dd HH:mm:ss} to {report.EndedAt:HH:mm:ss} UTC</p>");
        Scorecard(html, report);
        if (report.Regressions.Count > 0)
        {
            html.Append("<p class=\"failed\" id=\"regressions\">Regressions against the previous runs:</p><ul>");
            foreach (var regression in report.Regressions)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{Esc(regression.Describe())}</li>");
            }

            html.Append("</ul>");
        }

        foreach (var scenario in report.Scenarios)
        {
            Scenario(html, scenario);
        }

        html.Append("</body></html>");
        return html.ToString();
    }

    private static void Scorecard(StringBuilder html, ReportModel report)
    {
        html.Append("<table id=\"scorecard\"><tr><th>scenario</th><th>target</th><th>measured</th><th>bound</th><th>met</th></tr>");
        foreach (var scenario in report.Scenarios)
        {
            if (scenario.Targets.Count == 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Esc(scenario.Name)}</td><td colspan=\"4\" class=\"{Esc(scenario.Outcome)}\">{Esc(scenario.Outcome)} {Esc(scenario.AbortReason ?? "")}</td></tr>");
            }

            foreach (var target in scenario.Targets)
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{Esc(scenario.Name)}</td><td>{Esc(target.Name)}</td><td>{Esc(Measured(target))}</td><td>&lt;= {Esc(Judge.Format(target.Name, target.Target))}</td><td class=\"{(target.Met ? "passed" : "no")}\">{(target.Met ? "yes" : "no")}</td></tr>");
            }
        }

        html.Append("</table>");
    }

    private static void Scenario(StringBuilder html, ScenarioReport scenario)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"{Esc(scenario.Name)}\">{Esc(scenario.Name)} <span class=\"{Esc(scenario.Outcome)}\">{Esc(scenario.Outcome)}</span></h2>");
        html.Append(CultureInfo.InvariantCulture, $"<p>{Esc(scenario.Summary)}.</p>");
        if (scenario.AbortReason is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"aborted\">{Esc(scenario.AbortReason)}</p>");
        }

        if (scenario.Fault is { } fault)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>Fault: {Esc(fault.Description)} at {fault.InjectedAt:HH:mm:ss.fff} UTC.</p>");
        }

        html.Append(SvgTimelineChart.Render(scenario));
        html.Append("<p class=\"legend small\">");
        foreach (var (state, color) in SvgTimelineChart.StateColors)
        {
            html.Append(CultureInfo.InvariantCulture, $"<span style=\"background:{color}\"></span>{(state is "open" or "closed" ? $"gate {state}" : state)}");
        }

        html.Append("<span style=\"background:#e31a1c\"></span>failed operations</p>");
        html.Append("<table><tr><th>offset (s)</th><th>phase</th><th>detail</th></tr>");
        foreach (var phase in scenario.Timeline)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{phase.OffsetSeconds:0.00}</td><td>{Esc(phase.Phase)}</td><td>{Esc(phase.Detail ?? "")}</td></tr>");
        }

        html.Append("</table><table><tr><th>figure</th><th>value</th></tr>");
        foreach (var (name, value) in scenario.Measurements)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Esc(name)}</td><td>{(value is { } v ? Esc(Judge.Format(name, v)) : "not reached")}</td></tr>");
        }

        foreach (var (name, value) in scenario.Observations)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Esc(name)}</td><td>{value:0.###}</td></tr>");
        }

        html.Append("</table>");
    }

    private static string Measured(TargetVerdict target) => target.Measured is { } m ? Judge.Format(target.Name, m) : "not reached";

    private static string Esc(string text) => WebUtility.HtmlEncode(text);
}
