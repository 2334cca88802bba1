using System.CommandLine;
using System.Globalization;
using System.Text;
using Resilience.ChaosSuite.Reports.History;
using Resilience.ChaosSuite.Verdicts;

namespace Resilience.ChaosSuite.Cli;

/// <summary><c>chaos history</c>: a stack's past reports as a table per scenario and measurement, and history.html.</summary>
internal static class HistoryCommand
{
    private const int DefaultLast = 8;

    public static Command Create(CliEnvironment env)
    {
        var (stack, stacksDir) = (CliOptions.Stack(), CliOptions.StacksDir());
        var reports = new Option<string?>("--reports") { Description = "the folder of past reports, searched at any depth for report.json (default: reports/<stack> beside the stack files)" };
        var last = new Option<int>("--last") { Description = "how many of the newest values each row shows", DefaultValueFactory = _ => DefaultLast };
        var output = new Option<string?>("--output") { Description = "where history.html goes (default: history.html in the reports folder, history-<cell>.html with --cell)" };
        var cell = new Option<string?>("--cell") { Description = "the cell whose history to show, for a stack of several cells (their figures are never mixed)" };
        var command = new Command("history", "a stack's past game-days: per scenario and measurement the last values, target and trend; regressions flagged; writes history.html")
        {
            stack, stacksDir, reports, last, output, cell,
        };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(stack)!;
            if (parse.GetValue(last) < 1)
            {
                throw new UsageException($"--last {parse.GetValue(last)}: must be at least 1");
            }

            var directory = parse.GetValue(reports) is { } given
                ? Path.GetFullPath(given, env.WorkingDirectory)
                : ReportArchive.DefaultDirectory(StackLocator.Find(parse.GetValue(stacksDir), env.WorkingDirectory), name);
            if (!Directory.Exists(directory))
            {
                throw new UsageException($"history: no folder {directory}; pass --reports DIR with the reports of past game-days (chaos gameday writes them)");
            }

            var chosen = parse.GetValue(cell);
            var archive = ReportArchive.Load(directory, name, chosen, out var skipped, out var otherCells);
            foreach (var problem in skipped)
            {
                env.Error.WriteLine($"chaos: skipped {problem}");
            }

            if (archive.Count == 0)
            {
                throw new UsageException(otherCells.Count > 0
                    ? $"history: the reports of stack {name} under {directory} are of cells {string.Join(", ", otherCells)}; pass --cell with one of them"
                    : $"history: no report.json of stack {name}{(chosen is null ? "" : $" cell {chosen}")} under {directory}; run chaos gameday --stack {name} first");
            }

            if (chosen is null && otherCells.Count > 0)
            {
                env.Error.WriteLine($"chaos: reports of cells {string.Join(", ", otherCells)} are left out; chaos history --cell <name> shows one of them");
            }

            var series = MeasurementHistory.Build(archive, new RegressionRule());
            env.Out.WriteLine($"chaos history: stack {name}{(chosen is null ? "" : $" cell {chosen}")}, {archive.Count} reports from {archive[0].Report.StartedAt:yyyy-MM-dd HH:mm} to {archive[^1].Report.StartedAt:yyyy-MM-dd HH:mm} UTC ({directory})");
            env.Out.WriteLine();
            env.Out.Write(HistoryTable.Render(series, parse.GetValue(last)));
            var html = parse.GetValue(output) is { } o ? Path.GetFullPath(o, env.WorkingDirectory) : Path.Combine(directory, chosen is null ? "history.html" : $"history-{chosen}.html");
            try
            {
                File.WriteAllText(html, HistoryHtml.Render(chosen is null ? name : $"{name} cell {chosen}", archive.Count, series, env.TimeProvider.GetUtcNow()), new UTF8Encoding(false));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"history: cannot write {html}: {e.Message}");
            }

            var regressed = series.Where(s => s.Points[^1].Trend == Trend.Regression).ToList();
            env.Out.WriteLine(regressed.Count == 0
                ? "regressions: none in the newest runs"
                : string.Create(CultureInfo.InvariantCulture, $"regressions: {regressed.Count} in the newest runs ({string.Join(", ", regressed.Select(s => $"{s.Scenario} {s.Measurement}"))})"));
            env.Out.WriteLine($"history: {html}");
            return ExitCodes.Success;
        });
        return command;
    }
}
