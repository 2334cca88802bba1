using System.Globalization;
using System.Text;
using Resilience.Bench.Results;

namespace Resilience.Bench.Reports;

/// <summary>Renders a <see cref="BenchReport"/> as the Markdown that goes into the README's performance section.</summary>
public static class MarkdownReport
{
    /// <summary>The whole report.</summary>
    public static string Render(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        var m = report.Machine;
        md.AppendLine(CultureInfo.InvariantCulture, $"## Recovery benchmark, {report.StartedAt:yyyy-MM-dd}: {m.Cores} cores, {Cells.Escape(m.Cpu)}, {m.MemoryGb:0.#} GB");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Command: `{report.Command}`; {(report.EndedAt - report.StartedAt).TotalMinutes:0} min.");
        md.AppendLine();
        foreach (var c in report.Configurations)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- **{c.Name}**: {c.Description}. {c.Timing}. Client: {c.ClientPipeline}.");
        }

        md.AppendLine();
        AppendComparison(md, report);
        AppendFigures(md, report.Figures);
        AppendSizes(md, report.Growth.Sizes);
        AppendRates(md, report.Growth.Rates);
        AppendReplicas(md, report.Growth.Replicas);
        AppendSynchronous(md, report.Growth.Synchronous);
        AppendRestores(md, report.Growth.Restores);
        AppendAborted(md, report);
        if (report.Notes.Count > 0)
        {
            md.AppendLine("### Notes");
            md.AppendLine();
            foreach (var note in report.Notes)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
            }

            md.AppendLine();
        }

        return md.ToString();
    }

    /// <summary>The comparison table: one row per scenario and measurement.</summary>
    public static string ComparisonTable(IReadOnlyList<ComparisonRow> rows, string ours, string baseline)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"| scenario | measurement | {ours} | {baseline} | {ours}/{baseline} |");
        md.AppendLine("|---|---|---:|---:|---:|");
        foreach (var row in rows)
        {
            var seconds = BenchMeasurements.IsSeconds(row.Measurement);
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Scenario} | {row.Measurement} | {Cells.Summary(row.Ours, seconds)} | {Cells.Summary(row.Baseline, seconds)} | {Cells.Ratio(row.Ratio)} |");
        }

        return md.ToString();
    }

    private static void AppendComparison(StringBuilder md, BenchReport report)
    {
        if (report.Comparison.Count == 0)
        {
            return;
        }

        var ours = report.Configurations[0].Name;
        var baseline = report.Configurations.Count > 1 ? report.Configurations[1].Name : "baseline";
        var runs = report.Plan.Count == 0 ? 0 : report.Plan.Max(p => p.Repetition);
        var alone = report.Plan.Count > 0 && report.Plan.All(p => p.Configuration == ours);
        var heading = alone
            ? string.Create(CultureInfo.InvariantCulture, $"### {ours} only (--ours-only): median (min–max) over {runs} consecutive run(s)")
            : string.Create(CultureInfo.InvariantCulture, $"### {ours} vs {baseline}: median (min–max) over {runs} run(s) each, alternating {ours}, {baseline}");
        md.AppendLine(heading);
        md.AppendLine();
        md.Append(ComparisonTable(report.Comparison, ours, baseline));
        md.AppendLine();
    }

    private static void AppendFigures(StringBuilder md, IReadOnlyList<FigureCheck> figures)
    {
        if (figures.Count == 0)
        {
            return;
        }

        md.AppendLine("### Figures to reach (ours)");
        md.AppendLine();
        md.AppendLine("| figure | target | measured | met |");
        md.AppendLine("|---|---|---|---|");
        foreach (var f in figures)
        {
            var met = f.Met switch { true => "yes", false => "**no**", null => "not measured" };
            md.AppendLine(CultureInfo.InvariantCulture, $"| {Cells.Escape(f.Figure)} | {Cells.Escape(f.Target)} | {Cells.Escape(f.Measured ?? Cells.None)} | {met} |");
        }

        md.AppendLine();
    }

    private static void AppendSizes(StringBuilder md, IReadOnlyList<SizePoint> sizes)
    {
        if (sizes.Count == 0)
        {
            return;
        }

        md.AppendLine("### Growth: database size (ours, replica-hardware-failure)");
        md.AppendLine();
        md.AppendLine("| size | pgbench scale | data copied | plain copy (floor) | replacementSeconds | replacement/copy | bound 1.5 x copy + 10 | warmupSeconds |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in sizes)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {p.TargetGb:0.##} GB | {p.PgbenchScale} | {Cells.Bytes(p.DataBytes)} | {Cells.Summary(p.CopySeconds, true)} | {Cells.Summary(p.ReplacementSeconds, true)} | {Cells.Ratio(p.ReplacementToCopy)} | {(p.ReplacementBoundSeconds is { } b ? Cells.Number(b, true) : Cells.None)} | {Cells.Summary(p.WarmupSeconds, true)} |");
        }

        md.AppendLine();
    }

    private static void AppendRates(StringBuilder md, IReadOnlyList<RatePoint> rates)
    {
        if (rates.Count == 0)
        {
            return;
        }

        md.AppendLine("### Growth: write rate (ours, primary-failure)");
        md.AppendLine();
        md.AppendLine("| writes/s asked | writes/s acknowledged before the fault | writeUnavailableSeconds | lostWrites | failedWrites |");
        md.AppendLine("|---:|---:|---:|---:|---:|");
        foreach (var p in rates)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {p.TargetWritesPerSecond} | {Cells.Summary(p.AchievedWritesPerSecond, false)} | {Cells.Summary(p.WriteUnavailableSeconds, true)} | {Cells.Summary(p.LostWrites, false)} | {Cells.Summary(p.FailedWrites, false)} |");
        }

        md.AppendLine();
    }

    private static void AppendReplicas(StringBuilder md, IReadOnlyList<ReplicaPoint> replicas)
    {
        if (replicas.Count == 0)
        {
            return;
        }

        md.AppendLine("### Growth: replicas (ours, replica-hardware-failure)");
        md.AppendLine();
        md.AppendLine("| replicas | readerRemovalSeconds | failedReads | coldReads |");
        md.AppendLine("|---:|---:|---:|---:|");
        foreach (var p in replicas)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {p.Replicas} | {Cells.Summary(p.ReaderRemovalSeconds, true)} | {Cells.Summary(p.FailedReads, false)} | {Cells.Summary(p.ColdReads, false)} |");
        }

        md.AppendLine();
    }

    private static void AppendSynchronous(StringBuilder md, IReadOnlyList<SynchronousPoint> points)
    {
        if (points.Count == 0)
        {
            return;
        }

        md.AppendLine("### Synchronous standbys: commit latency and the stall of a replica's loss (ours, replica-hardware-failure)");
        md.AppendLine();
        md.AppendLine("| synchronous_node_count | commit latency p50 (ms) | commit latency p99 (ms) | writeStallSeconds | lostWrites |");
        md.AppendLine("|---:|---:|---:|---:|---:|");
        foreach (var p in points)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {p.Standbys} | {Cells.Summary(p.CommitLatencyP50Ms, false)} | {Cells.Summary(p.CommitLatencyP99Ms, false)} | {Cells.Summary(p.WriteStallSeconds, true)} | {Cells.Summary(p.LostWrites, false)} |");
        }

        md.AppendLine();
    }

    private static void AppendRestores(StringBuilder md, IReadOnlyList<RestorePoint> points)
    {
        if (points.Count == 0)
        {
            return;
        }

        md.AppendLine("### Restore drills: database size (ours; table-corruption and cluster-loss, pgBackRest)");
        md.AppendLine();
        md.AppendLine("| size | data copied | plain copy (floor) | full backup | table restoreSeconds | table/copy | cluster restoreSeconds | cluster/copy | recoveryPointSeconds |");
        md.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in points)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {p.TargetGb:0.##} GB | {Cells.Bytes(p.DataBytes)} | {Cells.Summary(p.CopySeconds, true)} | {Cells.Summary(p.BackupSeconds, true)} | {Cells.Summary(p.TableRestoreSeconds, true)} | {Cells.Ratio(p.TableToCopy)} | {Cells.Summary(p.ClusterRestoreSeconds, true)} | {Cells.Ratio(p.ClusterToCopy)} | {Cells.Summary(p.RecoveryPointSeconds, true)} |");
        }

        md.AppendLine();
    }

    private static void AppendAborted(StringBuilder md, BenchReport report)
    {
        var aborted = report.Runs.Concat(report.GrowthRuns.Select(g => g.Sample)).Where(s => s.Aborted).ToList();
        if (aborted.Count == 0)
        {
            return;
        }

        md.AppendLine("### Aborted runs (left out of the figures)");
        md.AppendLine();
        foreach (var s in aborted)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"- {s.Scenario} on {s.Configuration}, run {s.Repetition}: {s.AbortReason ?? "no reason given"}");
        }

        md.AppendLine();
    }
}
