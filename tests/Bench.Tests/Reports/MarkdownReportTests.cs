using Resilience.Bench.Configurations;
using Resilience.Bench.Planning;
using Resilience.Bench.Reports;
using Resilience.Bench.Results;
using Resilience.Bench.Statistics;
using Resilience.Topology;
using static Resilience.Bench.Tests.Samples;

namespace Resilience.Bench.Tests.Reports;

public sealed class MarkdownReportTests
{
    [Fact]
    public void Comparison_table_has_one_row_per_scenario_and_measurement()
    {
        var rows = new[]
        {
            new ComparisonRow("primary-failure", BenchMeasurements.WriteUnavailableSeconds, Summary.Of(new[] { 4.1, 3.9 }), Summary.Of(new[] { 28.0 }), 4.0 / 28),
            new ComparisonRow("primary-failure", BenchMeasurements.LostWrites, Summary.Of(new double[] { 0, 0 }), Summary.Of(new double[] { 0 }), null),
        };

        var table = MarkdownReport.ComparisonTable(rows, "ours", "baseline");

        Assert.Equal(
            """
            | scenario | measurement | ours | baseline | ours/baseline |
            |---|---|---:|---:|---:|
            | primary-failure | writeUnavailableSeconds | 4.00 (3.90–4.10) | 28.00 | 0.14 |
            | primary-failure | lostWrites | 0 | 0 | – |

            """.ReplaceLineEndings(),
            table);
    }

    [Fact]
    public void Report_names_the_machine_the_command_the_configurations_and_every_section()
    {
        var report = Report();

        var md = MarkdownReport.Render(report);

        Assert.StartsWith("## Recovery benchmark, 2025-01-06: 2 cores, Test CPU, 23 GB", md, StringComparison.Ordinal);
        Assert.Contains("Command: `./bench/recovery --quick`", md, StringComparison.Ordinal);
        Assert.Contains("- **ours**:", md, StringComparison.Ordinal);
        Assert.Contains("Patroni ttl 30 s / loop_wait 10 s / retry_timeout 10 s", md, StringComparison.Ordinal);
        Assert.Contains("### ours vs baseline: median (min–max) over 1 run(s) each", md, StringComparison.Ordinal);
        Assert.Contains("### Figures to reach (ours)", md, StringComparison.Ordinal);
        Assert.Contains("| 1 GB | 67 | 1.1 GB | 20.00 | 42.00 | 2.10 | 40.00 | 3.00 |", md, StringComparison.Ordinal);
        Assert.Contains("| 2000 | 1210 | 4.50 | 0 | 2 |", md, StringComparison.Ordinal);
        Assert.Contains("| 6 | 0.40 | 0 | 0 |", md, StringComparison.Ordinal);
        Assert.Contains("- primary-hang on baseline, run 1: preflight refused", md, StringComparison.Ordinal);
        Assert.Contains("- growth: 4 GB skipped (--sizes)", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_round_trips()
    {
        var report = Report();

        var parsed = JsonReport.Parse(JsonReport.Render(report));

        Assert.NotNull(parsed);
        Assert.Equal(report.Command, parsed.Command);
        Assert.Equal(report.Comparison[0].Ours, parsed.Comparison[0].Ours);
        Assert.Equal(report.Runs[0].Measurements[BenchMeasurements.WriteUnavailableSeconds], parsed.Runs[0].Measurements[BenchMeasurements.WriteUnavailableSeconds]);
        Assert.Contains("\"writeUnavailableSeconds\": 4.1", JsonReport.Render(report), StringComparison.Ordinal);
    }

    [Fact]
    public void A_comparison_run_on_ours_only_says_so_instead_of_alternating()
    {
        var report = Report() with { Plan = RunPlan.Alternating(["primary-failure"], ["ours"], 15) };

        var md = MarkdownReport.Render(report);

        Assert.Contains("### ours only (--ours-only): median (min–max) over 15 consecutive run(s)", md, StringComparison.Ordinal);
        Assert.DoesNotContain("alternating", md, StringComparison.Ordinal);
        Assert.Contains("alternating ours, baseline", MarkdownReport.Render(Report()), StringComparison.Ordinal);
    }

    private static BenchReport Report()
    {
        var spec = new PatroniTiming(6, 1, 2);
        var ours = new BenchConfiguration("ours", "tuned", spec, new HaproxyTiming(250, 2, 1), true, BenchConfiguration.SuitePipeline);
        var runs = new[]
        {
            Run("primary-failure", "ours", 1, (BenchMeasurements.WriteUnavailableSeconds, 4.1)),
            Run("primary-failure", "baseline", 1, (BenchMeasurements.WriteUnavailableSeconds, 28)),
            Run("primary-hang", "baseline", 1, "aborted"),
        };
        var rows = Comparison.Build(runs, ["primary-failure"], "ours", "baseline");
        var growth = new GrowthResults(
            [new SizePoint(1, 67, 1L << 30, Summary.Of(new double[] { 42 }), Summary.Of(new double[] { 3 }), Summary.Of(new double[] { 20 }), 2.1, 40)],
            [new RatePoint(2000, Summary.Of(new double[] { 1210 }), Summary.Of(new[] { 4.5 }), Summary.Of(new double[] { 0 }), Summary.Of(new double[] { 2 }))],
            [new ReplicaPoint(6, Summary.Of(new[] { 0.4 }), Summary.Of(new double[] { 0 }), Summary.Of(new double[] { 0 }))]);
        var start = new DateTimeOffset(2025, 1, 6, 10, 0, 0, TimeSpan.Zero);
        return new BenchReport(
            start, start.AddMinutes(12), new MachineInfo(2, "Test CPU", 23, "Linux"), "./bench/recovery --quick",
            [ours, BenchConfiguration.Baseline()],
            RunPlan.Alternating(["primary-failure"], ["ours", "baseline"], 1),
            runs, rows, growth, [], FigureChecks.Evaluate(rows, runs, growth, "ours"), ["growth: 4 GB skipped (--sizes)"]);
    }
}
