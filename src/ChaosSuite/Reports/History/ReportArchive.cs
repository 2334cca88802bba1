using System.Text.Json;

namespace Resilience.ChaosSuite.Reports.History;

/// <summary>A report read from disk, with where it was.</summary>
/// <param name="Path">Its report.json.</param>
/// <param name="Report">Its content.</param>
internal sealed record ArchivedReport(string Path, ReportModel Report);

/// <summary>The past reports of a stack in a local folder: every report.json below it, oldest first.</summary>
internal static class ReportArchive
{
    /// <summary>Where a stack's reports go when no directory is given: <c>reports/&lt;stack&gt;/</c> beside the stack files.</summary>
    public static string DefaultDirectory(string stacksDir, string stack) => Path.Combine(stacksDir, "reports", stack);

    /// <summary>
    /// Reads every report.json under <paramref name="directory"/> (any depth) of <paramref name="stack"/>'s
    /// <paramref name="cell"/> (null: a stack of one cell). A file that cannot be read is skipped and named in
    /// <paramref name="skipped"/> with why; <paramref name="otherCells"/> lists the cells of the stack's other reports.
    /// </summary>
    public static IReadOnlyList<ArchivedReport> Load(string directory, string stack, string? cell, out IReadOnlyList<string> skipped, out IReadOnlyList<string> otherCells)
    {
        var problems = new List<string>();
        var reports = new List<ArchivedReport>();
        var others = new SortedSet<string>(StringComparer.Ordinal);
        if (Directory.Exists(directory))
        {
            foreach (var path in Directory.EnumerateFiles(directory, "report.json", SearchOption.AllDirectories))
            {
                try
                {
                    if (JsonReport.Parse(File.ReadAllText(path)) is not { } report || report.Stack != stack)
                    {
                        continue;
                    }

                    if (report.IsFrom(stack, cell))
                    {
                        reports.Add(new ArchivedReport(path, report));
                    }
                    else
                    {
                        others.Add(report.Cell ?? "(no cell)");
                    }
                }
                catch (Exception e) when (e is JsonException or InvalidDataException or IOException or UnauthorizedAccessException)
                {
                    problems.Add($"{path}: {e.Message}");
                }
            }
        }

        skipped = problems;
        otherCells = [.. others];
        return [.. reports.OrderBy(r => r.Report.StartedAt)];
    }
}
