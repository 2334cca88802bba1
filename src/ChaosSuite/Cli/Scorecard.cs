using System.Text;
using Resilience.ChaosSuite.Verdicts;
using Spectre.Console;

namespace Resilience.ChaosSuite.Cli;

/// <summary>The table printed at the end of a run: scenario, target, measured, bound, met.</summary>
internal static class Scorecard
{
    public static void Print(RunResult run, TextWriter output, bool terminal)
    {
        var rows = Rows(run).ToList();
        if (terminal)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.Yes, ColorSystem = ColorSystemSupport.Standard, Out = new AnsiConsoleOutput(output) });
            var table = new Table().Title($"scorecard: stack {Markup.Escape(run.Stack)}").AddColumns("scenario", "target", "measured", "bound", "met");
            foreach (var row in rows)
            {
                var color = row.Met switch { "yes" => "green", "" => "grey", _ => "red" };
                table.AddRow(Markup.Escape(row.Scenario), Markup.Escape(row.Target), Markup.Escape(row.Measured), Markup.Escape(row.Bound), $"[{color}]{Markup.Escape(row.Met)}[/]");
            }

            console.Write(table);
            return;
        }

        output.WriteLine($"scorecard: stack {run.Stack}");
        output.Write(Plain(rows));
    }

    public static string Plain(IReadOnlyList<Row> rows)
    {
        var all = new List<Row> { new("scenario", "target", "measured", "bound", "met") };
        all.AddRange(rows);
        int Width(Func<Row, string> column) => all.Max(r => column(r).Length);
        var widths = new[] { Width(r => r.Scenario), Width(r => r.Target), Width(r => r.Measured), Width(r => r.Bound) };
        var text = new StringBuilder();
        foreach (var row in all)
        {
            text.Append(row.Scenario.PadRight(widths[0] + 2))
                .Append(row.Target.PadRight(widths[1] + 2))
                .Append(row.Measured.PadRight(widths[2] + 2))
                .Append(row.Bound.PadRight(widths[3] + 2))
                .Append(row.Met)
                .Append('\n');
        }

        return text.ToString();
    }

    public static IEnumerable<Row> Rows(RunResult run)
    {
        foreach (var scenario in run.Scenarios)
        {
            if (scenario.Outcome == ScenarioOutcome.Aborted)
            {
                yield return new Row(scenario.Name, "(aborted)", scenario.AbortReason ?? "", "", "no");
            }

            foreach (var target in scenario.Targets)
            {
                yield return new Row(
                    scenario.Name,
                    target.Name,
                    target.Measured is { } m ? Judge.Format(target.Name, m) : "not reached",
                    "<= " + Judge.Format(target.Name, target.Target),
                    target.Met ? "yes" : "NO");
            }
        }
    }

    public sealed record Row(string Scenario, string Target, string Measured, string Bound, string Met);
}
