using System.Text;

namespace Resilience.ChaosSuite.Reports;

/// <summary>Writes the four reports of a run into one directory.</summary>
internal static class ReportWriter
{
    /// <summary>The files a run writes.</summary>
    public static IReadOnlyList<string> FileNames { get; } = ["report.json", "report.md", "junit.xml", "report.html"];

    /// <summary>Writes report.json, report.md, junit.xml and report.html into <paramref name="directory"/> (created when missing).</summary>
    /// <exception cref="IOException">The directory cannot be written.</exception>
    public static IReadOnlyList<string> Write(ReportModel report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        var files = new (string Name, string Text)[]
        {
            ("report.json", JsonReport.Render(report)),
            ("report.md", MarkdownReport.Render(report)),
            ("junit.xml", JunitReport.Render(report)),
            ("report.html", HtmlReport.Render(report)),
        };
        var paths = new List<string>();
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(directory, name);
            File.WriteAllText(path, text, new UTF8Encoding(false));
            paths.Add(path);
        }

        return paths;
    }
}
