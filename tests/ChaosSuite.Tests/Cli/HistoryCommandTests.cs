using Resilience.ChaosSuite.Cli;
using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Reports;
using Resilience.ChaosSuite.Tests.Reports.History;
using Resilience.ChaosSuite.Tests.TestSupport;

namespace Resilience.ChaosSuite.Tests.Cli;

/// <summary><c>chaos history</c> over report folders, and a game-day judged against the reports beside it.</summary>
public sealed class HistoryCommandTests : IDisposable
{
    private readonly string _reports = Directory.CreateTempSubdirectory("chaos-history-cli-").FullName;

    public void Dispose() => Directory.Delete(_reports, recursive: true);

    [Fact]
    public async Task History_prints_a_table_per_scenario_flags_the_regression_and_writes_history_html()
    {
        HistoryFixtures.WriteAll(_reports, [.. new[] { 0.2, 0.3, 0.2, 0.25, 0.2, 2.1 }.Select((v, day) => HistoryFixtures.Report(day, v))]);
        HistoryFixtures.WriteAll(_reports, HistoryFixtures.Report(7, 9, stack: "staging"));

        var (code, output, error) = await Run("history", "--stack", "local", "--reports", _reports, "--last", "4");

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("chaos history: stack local, 6 reports from 2026-11-01 03:00 to 2026-11-06 03:00 UTC", output, StringComparison.Ordinal);
        Assert.Matches(@"readerRemovalSeconds\s+0\.20 0\.25 0\.20 2\.10 .*REGRESSION", output);
        Assert.Contains("regressions: 1 in the newest runs (replica-hardware-failure readerRemovalSeconds)", output, StringComparison.Ordinal);
        Assert.Contains("<svg", await File.ReadAllTextAsync(Path.Combine(_reports, "history.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreadable_report_is_skipped_with_a_line_saying_why()
    {
        HistoryFixtures.WriteAll(_reports, HistoryFixtures.Report(0, 0.2));
        Directory.CreateDirectory(Path.Combine(_reports, "broken"));
        await File.WriteAllTextAsync(Path.Combine(_reports, "broken", "report.json"), "{ not json");

        var (code, output, error) = await Run("history", "--reports", _reports, "--output", Path.Combine(_reports, "h.html"));

        Assert.Equal(0, code);
        Assert.StartsWith($"chaos: skipped {Path.Combine(_reports, "broken", "report.json")}: ", error, StringComparison.Ordinal);
        Assert.Contains("too few runs", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_reports, "h.html")));
    }

    [Theory]
    [InlineData("/nonexistent-reports", "3", "history: no folder /nonexistent-reports; pass --reports DIR")]
    [InlineData(null, "3", "history: no report.json of stack local under")]
    [InlineData(null, "0", "--last 0: must be at least 1")]
    public async Task Bad_input_is_one_line_and_exit_code_2(string? reports, string last, string message)
    {
        var (code, _, error) = await Run("history", "--reports", reports ?? _reports, "--last", last);

        Assert.Equal(2, code);
        var line = Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith("chaos: ", line, StringComparison.Ordinal);
        Assert.Contains(message, line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 1)]
    public async Task A_gameday_is_judged_against_the_reports_beside_it_and_fails_on_regression_only_when_asked(bool failOnRegression, int expected)
    {
        // The sample run replaces its replica in 8 s; the three earlier runs did it in 2 s.
        HistoryFixtures.WriteAll(_reports, [.. Enumerable.Range(0, 3).Select(day => HistoryFixtures.Report(day, 2, measurement: MeasurementNames.ReplacementSeconds))]);
        using var output = new StringWriter();
        var env = new CliEnvironment { Out = output, Error = TextWriter.Null, IsTerminal = false, WorkingDirectory = Stacks.RepoRoot, CreatePlatform = (_, _) => new FakePlatform() };
        await using var session = RunSession.Open(env, "local", null, 7, allowProduction: null);
        var directory = Path.Combine(_reports, "now-gameday");

        var code = session.Finish(SampleRuns.ReplicaFailure(), directory, regressions: failOnRegression ? RegressionCheck.Fail : RegressionCheck.Report);

        Assert.Equal(expected, code);
        Assert.Contains("regressions: 1 against 3 earlier reports in", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("replica-hardware-failure replacementSeconds: 8.00 s > median 2.00 s + margin 0.50 s of the previous 3 runs", output.ToString(), StringComparison.Ordinal);
        var written = JsonReport.Parse(await File.ReadAllTextAsync(Path.Combine(directory, "report.json")))!;
        Assert.Equal(MeasurementNames.ReplacementSeconds, Assert.Single(written.Regressions).Measurement);
        Assert.Contains("**Regressions**", await File.ReadAllTextAsync(Path.Combine(directory, "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_history_of_a_stack_of_several_cells_shows_one_cell_and_never_mixes_them()
    {
        // eu-2 is a bigger cell: it always takes 2 s to remove a reader, eu-1 0.2 s. Mixed, eu-2's runs would look like regressions of eu-1.
        HistoryFixtures.WriteAll(_reports, [.. Enumerable.Range(0, 4).SelectMany(day => new[] { HistoryFixtures.Report(day, 0.2, stack: "prod", cell: "eu-1"), HistoryFixtures.Report(day, 2, stack: "prod", cell: "eu-2") })]);

        var (code, output, error) = await Run("history", "--stack", "prod", "--reports", _reports, "--cell", "eu-2");

        Assert.True(code == 0, error);
        Assert.Contains("chaos history: stack prod cell eu-2, 4 reports", output, StringComparison.Ordinal);
        Assert.Matches(@"readerRemovalSeconds\s+2\.00 2\.00 2\.00 2\.00", output);
        Assert.Contains("regressions: none in the newest runs", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_reports, "history-eu-2.html")));

        var (mixed, _, refusal) = await Run("history", "--stack", "prod", "--reports", _reports);

        Assert.Equal(2, mixed);
        Assert.Equal($"chaos: history: the reports of stack prod under {_reports} are of cells eu-1, eu-2; pass --cell with one of them", refusal.Trim());
    }

    [Theory]
    [InlineData("eu-1", 1)]
    [InlineData("eu-2", 0)]
    public async Task A_cells_gameday_is_judged_only_against_that_cells_earlier_reports(string cell, int regressions)
    {
        // Three earlier game-days of both cells: eu-1 replaced its replica in 2 s, eu-2 in 8 s. Today each takes 8 s.
        HistoryFixtures.WriteAll(_reports, [.. Enumerable.Range(0, 3).SelectMany(day => new[]
        {
            HistoryFixtures.Report(day, 2, stack: "local", measurement: MeasurementNames.ReplacementSeconds, cell: "eu-1"),
            HistoryFixtures.Report(day, 8, stack: "local", measurement: MeasurementNames.ReplacementSeconds, cell: "eu-2"),
        })]);
        var today = HistoryFixtures.Report(10, 8, stack: "local", measurement: MeasurementNames.ReplacementSeconds, cell: cell);
        using var output = new StringWriter();

        var found = RegressionReport.Judge(today, Path.Combine(_reports, "today-gameday"), output, TextWriter.Null);

        Assert.Equal(regressions, found.Count);
        Assert.Contains($"against 3 earlier reports of cell {cell} in {_reports}", output.ToString(), StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Out, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var env = new CliEnvironment { Out = output, Error = error, IsTerminal = false, WorkingDirectory = Stacks.RepoRoot };
        var code = await ChaosCli.RunAsync(args, env);
        return (code, output.ToString(), error.ToString());
    }
}
