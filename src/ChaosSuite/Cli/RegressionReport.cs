using Resilience.ChaosSuite.Reports;
using Resilience.ChaosSuite.Reports.History;

namespace Resilience.ChaosSuite.Cli;

/// <summary>Whether a run is judged against its history, and whether a regression fails it.</summary>
internal enum RegressionCheck
{
    Off,
    Report,
    Fail,
}

/// <summary>Judges a run against the earlier reports beside its report directory and says what it found.</summary>
internal static class RegressionReport
{
    public static IReadOnlyList<Regression> Judge(ReportModel report, string runDirectory, TextWriter output, TextWriter error)
    {
        // Every run writes its own folder under one parent (reports/<stack>/ by default; a stack of several cells one
        // subfolder per cell in it): the history is the same cell's reports in its siblings.
        var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(runDirectory)) ?? runDirectory;
        var archive = ReportArchive.Load(parent, report.Stack, report.Cell, out var skipped, out _);
        foreach (var problem in skipped)
        {
            error.WriteLine($"chaos: skipped {problem}");
        }

        var earlier = archive.Count(a => a.Report.StartedAt < report.StartedAt);
        var reports = report.Cell is null ? "earlier reports" : $"earlier reports of cell {report.Cell}";
        var regressions = new RegressionRule().Judge(report, archive);
        output.WriteLine(regressions.Count == 0
            ? $"regressions: none against {earlier} {reports} in {parent}"
            : $"regressions: {regressions.Count} against {earlier} {reports} in {parent}:");
        foreach (var r in regressions)
        {
            output.WriteLine($"  {r.Describe()}");
        }

        return regressions;
    }
}
