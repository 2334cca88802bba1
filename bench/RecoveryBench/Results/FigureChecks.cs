using System.Globalization;

namespace Resilience.Bench.Results;

/// <summary>Judges the figures issue 8 asks for, from our configuration's runs only; a missing figure is reported as not measured, never as met.</summary>
public static class FigureChecks
{
    /// <summary>The bound on write unavailability after a hard primary loss (median).</summary>
    public const double WriteUnavailableMedianSeconds = 5;

    /// <summary>The bound on reader removal after a replica loss (median).</summary>
    public const double ReaderRemovalMedianSeconds = 1;

    /// <summary>Replacement may take this many times the plain copy...</summary>
    public const double ReplacementCopyFactor = 1.5;

    /// <summary>...plus this many seconds.</summary>
    public const double ReplacementCopyAllowanceSeconds = 10;

    /// <summary>Every check, in the issue's order.</summary>
    public static IReadOnlyList<FigureCheck> Evaluate(IReadOnlyList<ComparisonRow> rows, IReadOnlyList<RunSample> samples, GrowthResults growth, string ours)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(growth);
        var counted = samples.Where(s => s.Configuration == ours && !s.Aborted).ToList();
        var checks = new List<FigureCheck>
        {
            MedianAtMost(rows, "primary-failure", BenchMeasurements.WriteUnavailableSeconds, WriteUnavailableMedianSeconds),
            TotalIsZero(counted, BenchMeasurements.LostWrites, "every run"),
            MedianAtMost(rows, "replica-hardware-failure", BenchMeasurements.ReaderRemovalSeconds, ReaderRemovalMedianSeconds),
            TotalIsZero(counted.Where(s => s.Scenario == "replica-hardware-failure"), BenchMeasurements.FailedReads, "replica-hardware-failure"),
            Replacement(growth),
            TotalIsZero(counted, BenchMeasurements.ColdReads, "every run"),
            TotalIsZero(counted.Where(s => s.Scenario == "primary-overload"), BenchMeasurements.FalseFailovers, "primary-overload"),
        };
        return checks;
    }

    private static FigureCheck MedianAtMost(IReadOnlyList<ComparisonRow> rows, string scenario, string measurement, double bound)
    {
        var figure = $"{measurement} median, {scenario}";
        var target = $"<= {Format(bound)} s";
        var row = rows.FirstOrDefault(r => r.Scenario == scenario && r.Measurement == measurement);
        if (row?.Ours.Median is not { } median)
        {
            return new FigureCheck(figure, target, row is null ? null : $"not reached in {row.Ours.Missing} run(s)", row is null ? null : false);
        }

        return new FigureCheck(figure, target, $"{Format(median)} s", median <= bound);
    }

    private static FigureCheck TotalIsZero(IEnumerable<RunSample> samples, string measurement, string over)
    {
        var relevant = samples.Where(s => s.Measures(measurement)).ToList();
        var figure = $"{measurement}, {over}";
        if (relevant.Count == 0)
        {
            return new FigureCheck(figure, "0", null, null);
        }

        var unknown = relevant.Count(s => s.Get(measurement) is null);
        var total = relevant.Sum(s => s.Get(measurement) ?? 0);
        var measured = $"{Format(total)} over {relevant.Count} run(s){(unknown > 0 ? $", {unknown} not verified" : "")}";
        return new FigureCheck(figure, "0", measured, total == 0 && unknown == 0);
    }

    private static FigureCheck Replacement(GrowthResults growth)
    {
        var largest = growth.Sizes.Where(p => p.ReplacementSeconds.Median is not null && p.CopySeconds.Median is not null).MaxBy(p => p.TargetGb);
        if (largest is null)
        {
            return new FigureCheck("replacementSeconds at the largest size", "<= 1.5 x copy + 10 s (issue: at 4 GB)", null, null);
        }

        var bound = largest.ReplacementBoundSeconds ?? (ReplacementCopyFactor * largest.CopySeconds.Median!.Value) + ReplacementCopyAllowanceSeconds;
        var replacement = largest.ReplacementSeconds.Median!.Value;
        return new FigureCheck(
            $"replacementSeconds median at {Format(largest.TargetGb)} GB",
            $"<= 1.5 x copy ({Format(largest.CopySeconds.Median!.Value)} s) + 10 s = {Format(bound)} s",
            $"{Format(replacement)} s",
            replacement <= bound);
    }

    private static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
