using Resilience.Bench.Statistics;

namespace Resilience.Bench.Results;

/// <summary>Summarizes the growth runs per series and point; aborted runs are left out.</summary>
public static class GrowthSummaries
{
    /// <summary>The series names.</summary>
    public const string SizeSeries = "size";

    /// <summary>The series names.</summary>
    public const string RateSeries = "rate";

    /// <summary>The series names.</summary>
    public const string ReplicaSeries = "replicas";

    /// <summary>The series names.</summary>
    public const string SynchronousSeries = "synchronousStandbys";

    /// <summary>The series names: the table-corruption drill by database size.</summary>
    public const string RestoreTableSeries = "restoreTable";

    /// <summary>The series names: the cluster-loss drill by database size.</summary>
    public const string RestoreClusterSeries = "restoreCluster";

    /// <summary>Extra figure: seconds of the full backup taken before the restore drills.</summary>
    public const string BackupSeconds = "backupSeconds";

    /// <summary>Extra figure: seconds of the plain sequential copy of the data directory.</summary>
    public const string CopySeconds = "copySeconds";

    /// <summary>Extra figure: bytes copied.</summary>
    public const string DataBytes = "dataBytes";

    /// <summary>Extra figure: pgbench scale.</summary>
    public const string PgbenchScale = "pgbenchScale";

    /// <summary>Extra figure: acknowledged writes per second before the fault.</summary>
    public const string AchievedWritesPerSecond = "achievedWritesPerSecond";

    /// <summary>Every series that has runs.</summary>
    public static GrowthResults Summarize(IReadOnlyList<GrowthRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return new GrowthResults(Sizes(runs), Rates(runs), Replicas(runs)) { Synchronous = Synchronous(runs), Restores = Restores(runs) };
    }

    /// <summary>Size points in ascending size.</summary>
    public static IReadOnlyList<SizePoint> Sizes(IReadOnlyList<GrowthRun> runs) =>
        [.. Points(runs, SizeSeries).Select(g =>
        {
            var counted = g.Where(r => !r.Sample.Aborted).ToList();
            var replacement = Summary.Of(counted.Select(r => r.Sample.Get(BenchMeasurements.ReplacementSeconds)));
            var copy = Summary.Of(g.Where(r => r.Extra.ContainsKey(CopySeconds)).Select(r => r.Extra[CopySeconds]));
            var bound = copy.Median is { } c ? (FigureChecks.ReplacementCopyFactor * c) + FigureChecks.ReplacementCopyAllowanceSeconds : (double?)null;
            return new SizePoint(
                g.Key,
                (int)g.Select(r => r.Extra.GetValueOrDefault(PgbenchScale)).DefaultIfEmpty().Max(),
                (long)g.Select(r => r.Extra.GetValueOrDefault(DataBytes)).DefaultIfEmpty().Max(),
                replacement,
                Summary.Of(counted.Select(r => r.Sample.Get(BenchMeasurements.WarmupSeconds))),
                copy,
                Ratio.OfMedians(replacement, copy),
                bound);
        })];

    /// <summary>Rate points in ascending rate.</summary>
    public static IReadOnlyList<RatePoint> Rates(IReadOnlyList<GrowthRun> runs) =>
        [.. Points(runs, RateSeries).Select(g =>
        {
            var counted = g.Where(r => !r.Sample.Aborted).ToList();
            return new RatePoint(
                (int)g.Key,
                Summary.Of(counted.Where(r => r.Extra.ContainsKey(AchievedWritesPerSecond)).Select(r => r.Extra[AchievedWritesPerSecond])),
                Summary.Of(counted.Select(r => r.Sample.Get(BenchMeasurements.WriteUnavailableSeconds))),
                Summary.Of(counted.Select(r => r.Sample.Get(BenchMeasurements.LostWrites))),
                Summary.Of(counted.Select(r => r.Sample.Get(BenchMeasurements.FailedWrites))));
        })];

    /// <summary>Replica points in ascending count.</summary>
    public static IReadOnlyList<ReplicaPoint> Replicas(IReadOnlyList<GrowthRun> runs) =>
        [.. Points(runs, ReplicaSeries).Select(g =>
        {
            var counted = g.Where(r => !r.Sample.Aborted).ToList();
            return new ReplicaPoint(
                (int)g.Key,
                Summary.Of(counted.Select(r => r.Sample.Get(BenchMeasurements.ReaderRemovalSeconds))),
                Summary.Of(counted.Select(r => r.Sample.Get(BenchMeasurements.FailedReads))),
                Summary.Of(counted.Select(r => r.Sample.Get(BenchMeasurements.ColdReads))));
        })];

    /// <summary>synchronous_node_count points in ascending count: commit latency before the fault, the stall a replica's loss caused.</summary>
    public static IReadOnlyList<SynchronousPoint> Synchronous(IReadOnlyList<GrowthRun> runs) =>
        [.. Points(runs, SynchronousSeries).Select(g =>
        {
            var counted = g.Where(r => !r.Sample.Aborted).ToList();
            Summary Observed(string name) => Summary.Of(counted.Where(r => r.Sample.Observations.ContainsKey(name)).Select(r => (double?)r.Sample.Observations[name]));
            return new SynchronousPoint(
                (int)g.Key,
                Observed(BenchMeasurements.CommitLatencyP50Ms),
                Observed(BenchMeasurements.CommitLatencyP99Ms),
                Observed(BenchMeasurements.WriteStallSeconds),
                Summary.Of(counted.Select(r => r.Sample.Get(BenchMeasurements.LostWrites))));
        })];

    /// <summary>Restore points in ascending size: both drills' runs at a size, with the floor measured before each pair.</summary>
    public static IReadOnlyList<RestorePoint> Restores(IReadOnlyList<GrowthRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var table = Points(runs, RestoreTableSeries).ToDictionary(g => g.Key, g => g.ToList());
        var whole = Points(runs, RestoreClusterSeries).ToDictionary(g => g.Key, g => g.ToList());
        return [.. table.Keys.Union(whole.Keys).Order().Select(gb =>
        {
            var t = table.GetValueOrDefault(gb) ?? [];
            var c = whole.GetValueOrDefault(gb) ?? [];
            var extras = t.Concat(c).ToList();
            Summary Extra(string name) => Summary.Of(t.Count > 0 ? t.Where(r => r.Extra.ContainsKey(name)).Select(r => r.Extra[name]) : c.Where(r => r.Extra.ContainsKey(name)).Select(r => r.Extra[name]));
            Summary Measured(List<GrowthRun> series, string name) => Summary.Of(series.Where(r => !r.Sample.Aborted).Select(r => r.Sample.Get(name)));
            return new RestorePoint(
                gb,
                (long)extras.Select(r => r.Extra.GetValueOrDefault(DataBytes)).DefaultIfEmpty().Max(),
                Extra(BackupSeconds),
                Extra(CopySeconds),
                Measured(t, BenchMeasurements.RestoreSeconds),
                Measured(c, BenchMeasurements.RestoreSeconds),
                Measured(c, BenchMeasurements.RecoveryPointSeconds));
        })];
    }

    private static IEnumerable<IGrouping<double, GrowthRun>> Points(IEnumerable<GrowthRun> runs, string series) =>
        runs.Where(r => r.Series == series).GroupBy(r => r.Point).OrderBy(g => g.Key);
}
