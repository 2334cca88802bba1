using System.Text.Json;
using System.Xml.Linq;
using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Reports;
using Resilience.ChaosSuite.Tests.TestSupport;

namespace Resilience.ChaosSuite.Tests.Reports;

public class ReportsTests
{
    private static readonly ReportModel Passed = ReportModelBuilder.Build(SampleRuns.ReplicaFailure());
    private static readonly ReportModel Failed = ReportModelBuilder.Build(SampleRuns.ReplicaFailure(missReplacement: true));

    [Fact]
    public void Json_has_the_run_and_for_each_scenario_its_timeline_measurements_and_targets()
    {
        using var json = JsonDocument.Parse(JsonReport.Render(Passed));
        var root = json.RootElement;

        Assert.Equal("local", root.GetProperty("stack").GetString());
        Assert.Equal("local", root.GetProperty("platform").GetString());
        Assert.Equal("passed", root.GetProperty("verdict").GetString());
        Assert.True(root.GetProperty("endedAt").GetDateTimeOffset() > root.GetProperty("startedAt").GetDateTimeOffset());
        var scenario = root.GetProperty("scenarios")[0];
        Assert.Equal("replica-hardware-failure", scenario.GetProperty("name").GetString());
        Assert.Equal("passed", scenario.GetProperty("outcome").GetString());
        var injected = scenario.GetProperty("timeline").EnumerateArray().Single(p => p.GetProperty("phase").GetString() == "fault-injected");
        Assert.Equal(0, injected.GetProperty("offsetSeconds").GetDouble());
        Assert.True(injected.TryGetProperty("timestamp", out _));
        var measurements = scenario.GetProperty("measurements");
        Assert.Equal(8.0, measurements.GetProperty(MeasurementNames.ReplacementSeconds).GetDouble(), precision: 3);
        var target = scenario.GetProperty("targets")[0];
        Assert.Equal(MeasurementNames.ReaderRemovalSeconds, target.GetProperty("name").GetString());
        Assert.Equal(1, target.GetProperty("target").GetDouble());
        Assert.True(target.GetProperty("met").GetBoolean());
        Assert.True(target.TryGetProperty("measured", out _));
    }

    [Fact]
    public void Json_round_trips_and_writes_null_for_a_measurement_not_reached()
    {
        var text = JsonReport.Render(Failed);
        var parsed = JsonReport.Parse(text)!;

        Assert.Equal("failed", parsed.Verdict);
        Assert.Contains("\"replacementSeconds\": null", text, StringComparison.Ordinal);
        Assert.Null(parsed.Scenarios[0].Measurements[MeasurementNames.ReplacementSeconds]);
    }

    [Fact]
    public void Junit_has_one_test_case_per_target_and_a_failure_for_each_miss()
    {
        var xml = XDocument.Parse(JunitReport.Render(Failed));

        var cases = xml.Descendants("testcase").ToList();
        Assert.Equal(Failed.Scenarios[0].Targets.Count, cases.Count);
        var failures = cases.Where(c => c.Element("failure") is not null).Select(c => (string)c.Attribute("name")!).ToList();
        Assert.Equal(["replacementSeconds <= 10.00 s", "warmupSeconds <= 30.00 s"], failures);
        Assert.Equal("2", (string)xml.Root!.Attribute("failures")!);
    }

    [Fact]
    public void Junit_reports_an_aborted_scenario_as_an_error()
    {
        var aborted = ReportModelBuilder.Build(SampleRuns.Aborted(new Resilience.ChaosSuite.Timeline.RunClock(FakeTimeSteps.NewClock())));
        var xml = XDocument.Parse(JunitReport.Render(aborted));

        var error = Assert.Single(xml.Descendants("error"));
        Assert.Contains("no running primary", (string)error.Attribute("message")!, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_fits_a_job_summary_with_a_scorecard_table()
    {
        var md = MarkdownReport.Render(Failed);

        Assert.StartsWith("# Chaos run: stack `local` (**FAILED**)", md, StringComparison.Ordinal);
        Assert.Contains("| replica-hardware-failure | replacementSeconds | not reached | <= 10.00 s | **no** |", md, StringComparison.Ordinal);
        Assert.Contains("| 0.00 | fault-injected | replica pg-2 lost |", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_is_self_contained()
    {
        var html = HtmlReport.Render(Passed);

        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Equal(Passed.Scenarios.Count, html.Split("http://", StringSplitOptions.None).Length - 1);
    }

    [Fact]
    public async Task Html_renders_in_headless_chromium_with_the_timeline_chart()
    {
        var directory = Directory.CreateTempSubdirectory("chaos-report-").FullName;
        try
        {
            var paths = ReportWriter.Write(Passed, directory);
            var png = PngImage.Load(await HeadlessChromium.ScreenshotAsync(paths.Single(p => p.EndsWith(".html", StringComparison.Ordinal)), directory));

            Assert.Equal(1000, png.Width);
            Assert.True(png.Count(SvgTimelineChart.StateColors["primary"]) > 2000, "the primary's lane is drawn");
            Assert.True(png.Count(SvgTimelineChart.StateColors["open"]) > 2000, "open gates are drawn");
            Assert.True(png.Count(SvgTimelineChart.StateColors["closed"]) > 200, "the replacement's closed gate is drawn");
            Assert.True(png.Count("#1f78b4") > 100, "the write rate line is drawn");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void The_writer_writes_the_four_files()
    {
        var directory = Path.Combine(Path.GetTempPath(), "chaos-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            var paths = ReportWriter.Write(Passed, directory);
            Assert.Equal(["report.json", "report.md", "junit.xml", "report.html"], paths.Select(Path.GetFileName));
            Assert.All(paths, p => Assert.True(new FileInfo(p).Length > 100));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
