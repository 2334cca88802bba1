using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Reports.History;
using Resilience.ChaosSuite.Tests.TestSupport;

namespace Resilience.ChaosSuite.Tests.Reports.History;

public class MeasurementHistoryTests
{
    private static readonly IReadOnlyList<MeasurementSeries> Series = MeasurementHistory.Build(
        HistoryFixtures.Archive(
            HistoryFixtures.Report(3, 0.25),
            HistoryFixtures.Report(0, 0.2),
            HistoryFixtures.Report(1, 0.3),
            HistoryFixtures.Report(2, 0.2),
            HistoryFixtures.Report(4, 2.1)),
        new RegressionRule());

    private static MeasurementSeries ReaderRemoval => Series.Single(s => s.Measurement == MeasurementNames.ReaderRemovalSeconds);

    [Fact]
    public void Each_measurement_is_a_series_in_time_order_with_its_target()
    {
        Assert.Equal([0.2, 0.3, 0.2, 0.25, 2.1], ReaderRemoval.Points.Select(p => p.Value));
        Assert.Equal(HistoryFixtures.Day0, ReaderRemoval.Points[0].At);
        Assert.Equal(1, ReaderRemoval.Target);
        var names = Series.Select(s => s.Measurement).ToList();
        Assert.Equal(names.OrderBy(n => MeasurementNames.Design.ToList().IndexOf(n)), names);
    }

    [Fact]
    public void Each_point_is_judged_against_the_runs_before_it()
    {
        Assert.Equal([Trend.Unjudged, Trend.Unjudged, Trend.Unjudged, Trend.Steady, Trend.Regression], ReaderRemoval.Points.Select(p => p.Trend));
        Assert.Equal(4, ReaderRemoval.Points[^1].Baseline!.Runs);
        Assert.All(Series.Where(s => s != ReaderRemoval), s => Assert.NotEqual(Trend.Regression, s.Points[^1].Trend));
    }

    [Fact]
    public void The_table_shows_the_last_values_the_target_the_baseline_and_flags_the_regression()
    {
        var table = HistoryTable.Render(Series, last: 3);

        Assert.StartsWith("replica-hardware-failure\n", table.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        var row = table.Split('\n').Single(l => l.TrimStart().StartsWith(MeasurementNames.ReaderRemovalSeconds, StringComparison.Ordinal));
        Assert.Matches(@"readerRemovalSeconds\s+0\.20 0\.25 2\.10\s+▁▁█\s+<= 1\.00 s\s+0\.23 ±0\.50 \(4 runs\)\s+REGRESSION \(> 0\.73\)", row);
    }

    [Fact]
    public void The_page_is_self_contained_with_one_chart_per_measurement()
    {
        var html = HistoryHtml.Render("local", 5, Series, HistoryFixtures.Day0.AddDays(5));

        Assert.Equal(Series.Count, html.Split("<svg", StringSplitOptions.None).Length - 1);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Contains("1 measurements regressed in their newest run", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_renders_in_headless_chromium_with_values_target_lines_and_the_regression_ring()
    {
        var directory = Directory.CreateTempSubdirectory("chaos-history-").FullName;
        try
        {
            var page = Path.Combine(directory, "history.html");
            await File.WriteAllTextAsync(page, HistoryHtml.Render("local", 5, Series, HistoryFixtures.Day0.AddDays(5)));

            var png = PngImage.Load(await HeadlessChromium.ScreenshotAsync(page, directory));

            Assert.True(png.Count(SvgHistoryChart.ValueColor) > 300, "values are drawn");
            Assert.True(png.Count(SvgHistoryChart.TargetColor) > 300, "target lines are drawn");
            Assert.True(png.Count(SvgHistoryChart.RegressionColor) > 100, "the regression is ringed");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
