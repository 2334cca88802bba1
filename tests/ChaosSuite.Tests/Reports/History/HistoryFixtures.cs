using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Reports;
using Resilience.ChaosSuite.Reports.History;
using Resilience.ChaosSuite.Tests.TestSupport;

namespace Resilience.ChaosSuite.Tests.Reports.History;

/// <summary>Reports of a replica-loss scenario with chosen reader-removal times, a day apart.</summary>
internal static class HistoryFixtures
{
    public static readonly DateTimeOffset Day0 = new(2026, 11, 1, 3, 0, 0, TimeSpan.Zero);

    private static readonly ReportModel Template = ReportModelBuilder.Build(SampleRuns.ReplicaFailure());

    /// <summary>A report started <paramref name="day"/> days after <see cref="Day0"/> whose <paramref name="measurement"/> (readerRemovalSeconds) is <paramref name="value"/>.</summary>
    public static ReportModel Report(int day, double? value, string outcome = "passed", string stack = "local", string measurement = MeasurementNames.ReaderRemovalSeconds, string? cell = null)
    {
        var scenario = Template.Scenarios[0];
        var measurements = new Dictionary<string, double?>(scenario.Measurements) { [measurement] = value };
        return Template with
        {
            Stack = stack,
            Cell = cell,
            Command = "gameday",
            StartedAt = Day0.AddDays(day),
            EndedAt = Day0.AddDays(day).AddMinutes(3),
            Scenarios = [scenario with { Measurements = measurements, Outcome = outcome }],
        };
    }

    /// <summary>The reports as an archive (as if read from disk).</summary>
    public static IReadOnlyList<ArchivedReport> Archive(params ReportModel[] reports) =>
        [.. reports.Select((r, i) => new ArchivedReport($"/reports/{i}/report.json", r))];

    /// <summary>Writes each report into its own folder under <paramref name="directory"/> (a report of a cell into that cell's subfolder), as game-days do.</summary>
    public static void WriteAll(string directory, params ReportModel[] reports)
    {
        foreach (var report in reports)
        {
            var run = Path.Combine(directory, $"{report.StartedAt:yyyyMMdd-HHmmss}-gameday");
            ReportWriter.Write(report, report.Cell is null ? run : Path.Combine(run, report.Cell));
        }
    }
}
