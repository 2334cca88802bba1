using System.Globalization;
using System.Text;
using Resilience.ChaosSuite.Verdicts;

namespace Resilience.ChaosSuite.Reports;

/// <summary>report.md: for humans and CI job summaries (GitHub's step summary renders it).</summary>
internal static class MarkdownReport
{
    /// <summary>The report as Markdown.</summary>
    public static string Render(ReportModel report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Chaos {report.Command}: stack `{report.Stack}` {Badge(report.Verdict)}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Platform `{report.Platform}`, seed {report.Seed}, {report.StartedAt:yyyy-MM-dd HH:mm:ss} to {report.EndedAt:HH:mm:ss} UTC.");
        md.AppendLine();
        md.AppendLine("| scenario | target | measured | bound | met |");
        md.AppendLine("|---|---|---|---|---|");
        foreach (var scenario in report.Scenarios)
        {
            if (scenario.Targets.Count == 0)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {scenario.Name} | ({scenario.Outcome}) | {Escape(scenario.AbortReason ?? "")} | | {(scenario.Outcome == "aborted" ? "no" : "")} |");
            }

            foreach (var target in scenario.Targets)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {scenario.Name} | {target.Name} | {Measured(target)} | <= {Judge.Format(target.Name, target.Target)} | {(target.Met ? "yes" : "**no**")} |");
            }
        }

        if (report.Regressions.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("**Regressions** against the previous runs (docs/reports.md):");
            md.AppendLine();
            foreach (var regression in report.Regressions)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {Escape(regression.Describe())}");
            }
        }

        foreach (var scenario in report.Scenarios)
        {
            AppendScenario(md, scenario);
        }

        return md.ToString();
    }

    private static void AppendScenario(StringBuilder md, ScenarioReport scenario)
    {
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"## {scenario.Name} {Badge(scenario.Outcome)}");
        md.AppendLine();
        md.AppendLine(scenario.Summary + ".");
        if (scenario.AbortReason is not null)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"**Aborted:** {Escape(scenario.AbortReason)}");
        }

        if (scenario.Fault is { } fault)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"Fault: {Escape(fault.Description)} at {fault.InjectedAt:HH:mm:ss.fff} UTC.");
        }

        if (scenario.Timeline.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("| offset (s) | phase | detail |");
            md.AppendLine("|---:|---|---|");
            foreach (var phase in scenario.Timeline)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {phase.OffsetSeconds:0.00} | {phase.Phase} | {Escape(phase.Detail ?? "")} |");
            }
        }

        var notes = scenario.Targets.Where(t => !t.Met && t.Note is not null).ToList();
        foreach (var target in notes)
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"- `{target.Name}`: {Escape(target.Note!)}");
        }

        if (scenario.Observations.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("<details><summary>Other figures</summary>");
            md.AppendLine();
            md.AppendLine(string.Join(", ", scenario.Measurements.Where(m => scenario.Targets.All(t => t.Name != m.Key))
                .Select(m => $"{m.Key} {(m.Value is { } v ? Judge.Format(m.Key, v) : "n/a")}")
                .Concat(scenario.Observations.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Key} {o.Value:0.###}")))));
            md.AppendLine();
            md.AppendLine("</details>");
        }
    }

    private static string Measured(TargetVerdict target) =>
        target.Measured is { } m ? Judge.Format(target.Name, m) : "not reached";

    private static string Badge(string outcome) => outcome switch
    {
        "passed" => "(passed)",
        "failed" => "(**FAILED**)",
        "aborted" => "(**ABORTED**)",
        _ => $"({outcome})",
    };

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
