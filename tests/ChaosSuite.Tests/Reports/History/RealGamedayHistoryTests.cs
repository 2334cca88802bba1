using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Reports.History;

namespace Resilience.ChaosSuite.Tests.Reports.History;

/// <summary>The history over four real local game-days (Fixtures/README.md).</summary>
public class RealGamedayHistoryTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Reports", "Fixtures", "real-gamedays");

    [Fact]
    public void Four_real_reports_load_in_time_order_and_the_slow_replacement_of_the_loaded_run_is_flagged()
    {
        var archive = ReportArchive.Load(Folder, "local", cell: null, out var skipped, out _);
        var series = MeasurementHistory.Build(archive, new RegressionRule());

        Assert.Empty(skipped);
        Assert.Equal(4, archive.Count);
        Assert.True(archive.Zip(archive.Skip(1)).All(p => p.First.Report.StartedAt < p.Second.Report.StartedAt));
        var regressed = series.Where(s => s.Points[^1].Trend == Trend.Regression).Select(s => (s.Scenario, s.Measurement)).ToList();
        Assert.Equal([("replica-hardware-failure", MeasurementNames.ReplacementSeconds), ("replica-hardware-failure", MeasurementNames.WarmupSeconds)], regressed);
        var hang = series.Single(s => s.Scenario == "primary-hang" && s.Measurement == MeasurementNames.WriteUnavailableSeconds);
        Assert.Equal(Trend.Steady, hang.Points[^1].Trend);
    }
}
