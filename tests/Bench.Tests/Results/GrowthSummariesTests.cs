using Resilience.Bench.Results;
using static Resilience.Bench.Tests.Samples;

namespace Resilience.Bench.Tests.Results;

public sealed class GrowthSummariesTests
{
    [Fact]
    public void Size_points_put_replacement_next_to_the_copy_of_the_same_runs()
    {
        var runs = new[]
        {
            Size(1, 40, 20), Size(1, 44, 22), Size(0.1, 12, 2),
        };

        var sizes = GrowthSummaries.Sizes(runs);

        Assert.Equal([0.1, 1], sizes.Select(s => s.TargetGb));
        var gb = sizes[1];
        Assert.Equal(42, gb.ReplacementSeconds.Median);
        Assert.Equal(21, gb.CopySeconds.Median);
        Assert.Equal(2, gb.ReplacementToCopy);
        Assert.Equal((1.5 * 21) + 10, gb.ReplacementBoundSeconds);
        Assert.Equal(67, gb.PgbenchScale);
    }

    [Fact]
    public void Rate_points_report_what_was_achieved_beside_what_was_asked()
    {
        var runs = new[]
        {
            new GrowthRun(GrowthSummaries.RateSeries, 2000, Run("primary-failure", "ours", 1, (BenchMeasurements.WriteUnavailableSeconds, 4.5)),
                new Dictionary<string, double> { [GrowthSummaries.AchievedWritesPerSecond] = 1210 }),
        };

        var rate = Assert.Single(GrowthSummaries.Rates(runs));

        Assert.Equal(2000, rate.TargetWritesPerSecond);
        Assert.Equal(1210, rate.AchievedWritesPerSecond.Median);
        Assert.Equal(4.5, rate.WriteUnavailableSeconds.Median);
    }

    [Fact]
    public void Aborted_growth_runs_are_left_out()
    {
        var runs = new[]
        {
            new GrowthRun(GrowthSummaries.ReplicaSeries, 4, Run("replica-hardware-failure", "ours", 1, (BenchMeasurements.ReaderRemovalSeconds, 0.5)), new Dictionary<string, double>()),
            new GrowthRun(GrowthSummaries.ReplicaSeries, 4, Run("replica-hardware-failure", "ours", 2, "aborted", (BenchMeasurements.ReaderRemovalSeconds, 9)), new Dictionary<string, double>()),
        };

        var point = Assert.Single(GrowthSummaries.Replicas(runs));

        Assert.Equal(1, point.ReaderRemovalSeconds.Count);
        Assert.Equal(0.5, point.ReaderRemovalSeconds.Median);
    }

    [Fact]
    public void Synchronous_points_take_commit_latency_and_the_stall_from_the_runs_observations()
    {
        GrowthRun Sync(int count, double p50, double p99, double stall) => new(GrowthSummaries.SynchronousSeries, count,
            Run("replica-hardware-failure", $"sync-{count}", 1, (BenchMeasurements.LostWrites, 0)) with
            {
                Observations = new Dictionary<string, double>
                {
                    [BenchMeasurements.CommitLatencyP50Ms] = p50,
                    [BenchMeasurements.CommitLatencyP99Ms] = p99,
                    [BenchMeasurements.WriteStallSeconds] = stall,
                },
            },
            new Dictionary<string, double>());
        var runs = new[] { Sync(2, 3.0, 9.0, 1.2), Sync(1, 2.0, 6.0, 0.3), Sync(2, 3.4, 11.0, 1.0) };

        var points = GrowthSummaries.Synchronous(runs);

        Assert.Equal([1, 2], points.Select(p => p.Standbys));
        Assert.Equal(3.2, points[1].CommitLatencyP50Ms.Median!.Value, 3);
        Assert.Equal(10, points[1].CommitLatencyP99Ms.Median!.Value, 3);
        Assert.Equal(1.1, points[1].WriteStallSeconds.Median!.Value, 3);
        Assert.Equal(0, points[0].LostWrites.Median);
        Assert.Equal(2, GrowthSummaries.Summarize(runs).Synchronous.Count);
    }

    [Fact]
    public void Restore_points_put_both_drills_next_to_the_copy_floor_and_leave_aborted_runs_out()
    {
        var extra = new Dictionary<string, double> { [GrowthSummaries.CopySeconds] = 4, [GrowthSummaries.DataBytes] = 1e9, [GrowthSummaries.BackupSeconds] = 30 };
        var runs = new[]
        {
            new GrowthRun(GrowthSummaries.RestoreTableSeries, 1, Run("table-corruption", "ours", 1, (BenchMeasurements.RestoreSeconds, 20)), extra),
            new GrowthRun(GrowthSummaries.RestoreClusterSeries, 1, Run("cluster-loss", "ours", 1, (BenchMeasurements.RestoreSeconds, 40), (BenchMeasurements.RecoveryPointSeconds, 6)), extra),
            new GrowthRun(GrowthSummaries.RestoreClusterSeries, 1, Run("cluster-loss", "ours", 2, "aborted", (BenchMeasurements.RestoreSeconds, 900)), extra),
            new GrowthRun(GrowthSummaries.RestoreTableSeries, 0.1, Run("table-corruption", "ours", 1, (BenchMeasurements.RestoreSeconds, 9)), extra),
        };

        var points = GrowthSummaries.Restores(runs);

        Assert.Equal([0.1, 1], points.Select(p => p.TargetGb));
        var gb = points[1];
        Assert.Equal(20, gb.TableRestoreSeconds.Median);
        Assert.Equal(40, gb.ClusterRestoreSeconds.Median);
        Assert.Equal(6, gb.RecoveryPointSeconds.Median);
        Assert.Equal(5, gb.TableToCopy);
        Assert.Equal(10, gb.ClusterToCopy);
        Assert.Equal(30, gb.BackupSeconds.Median);
        Assert.Null(points[0].ClusterRestoreSeconds.Median);
    }

    private static GrowthRun Size(double gb, double replacement, double copy) =>
        new(GrowthSummaries.SizeSeries, gb, Run("replica-hardware-failure", "ours", 1, (BenchMeasurements.ReplacementSeconds, replacement), (BenchMeasurements.WarmupSeconds, 1)),
            new Dictionary<string, double>
            {
                [GrowthSummaries.CopySeconds] = copy,
                [GrowthSummaries.DataBytes] = gb * 1e9,
                [GrowthSummaries.PgbenchScale] = Math.Round(gb * 67),
            });
}
