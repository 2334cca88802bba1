using System.Globalization;
using Resilience.Bench.Growth;
using Resilience.Bench.Results;
using Resilience.LocalCluster;

namespace Resilience.Bench.Running;

/// <summary>
/// The restore series: per database size, a fresh full backup, the sequential-copy floor of the primary's data
/// directory on the same disk, then the chaos suite's table-corruption drill (a point-in-time copy of the whole
/// database, one table repaired) and cluster-loss drill (the whole stack restored from the repository).
/// </summary>
internal sealed partial class BenchRunner
{
    private const string TableCorruption = "table-corruption";
    private const string ClusterLoss = "cluster-loss";

    private async Task RestoreSizesAsync(CancellationToken cancellationToken)
    {
        var group = _spec.ReplicaGroups[0].Size;
        var cluster = await StartAsync("restore", _ours, _settings.PortBase + (2 * BenchConstants.PortBlock), group.Desired, group.Max, cancellationToken);
        foreach (var gb in _settings.RestoreSizesGb.Order())
        {
            var scale = PgbenchLoader.ScaleFor(gb);
            _progress.Line(string.Create(CultureInfo.InvariantCulture, $"restore: loading about {gb} GB (pgbench scale {scale}) through the write endpoint"));
            await PgbenchLoader.LoadAsync(cluster.Controller, scale, new LineWriter(_progress, cluster.Name), cancellationToken);
            await cluster.SettleAsync(cancellationToken);
            for (var r = 1; r <= _settings.GrowthRuns; r++)
            {
                var backupSeconds = await FreshBackupAsync(cluster.Controller, cancellationToken);
                var copy = await CopyFloorAsync(cluster.Controller, cancellationToken);
                IReadOnlyList<(string, double)> extra =
                [
                    (GrowthSummaries.CopySeconds, copy.Seconds),
                    (GrowthSummaries.DataBytes, copy.Bytes),
                    (GrowthSummaries.PgbenchScale, scale),
                    (GrowthSummaries.BackupSeconds, backupSeconds),
                ];
                var point = string.Create(CultureInfo.InvariantCulture, $"{gb} GB");
                var name = string.Create(CultureInfo.InvariantCulture, $"restore-{gb}GB");
                var table = await GrowthRunAsync(cluster, GrowthSummaries.RestoreTableSeries, gb, TableCorruption, r, point, name, null, cancellationToken);
                Record(GrowthSummaries.RestoreTableSeries, gb, table.Sample, extra);
                var whole = await GrowthRunAsync(cluster, GrowthSummaries.RestoreClusterSeries, gb, ClusterLoss, r, point, name, null, cancellationToken);
                Record(GrowthSummaries.RestoreClusterSeries, gb, whole.Sample, extra);
            }
        }

        await cluster.StopAsync(_settings.KeepState);
    }

    /// <summary>A full backup of the data just loaded (the drills restore it, as they would the night's backup), timed.</summary>
    private async Task<double> FreshBackupAsync(LocalClusterController controller, CancellationToken cancellationToken)
    {
        var start = _settings.TimeProvider.GetTimestamp();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var backup = await controller.BackupAsync(cancellationToken);
                var seconds = _settings.TimeProvider.GetElapsedTime(start).TotalSeconds;
                _progress.Line(string.Create(CultureInfo.InvariantCulture, $"restore: full backup {backup.Label} of {backup.DatabaseBytes / 1048576.0:0} MB in {seconds:0.0} s"));
                return seconds;
            }
            catch (LocalClusterException e) when (attempt < 10)
            {
                // The supervisor's own backup (once steady, or on schedule) holds pgBackRest's lock for a while.
                _progress.Line($"restore: backup not taken yet ({e.Message}); trying again in 10 s");
                await Task.Delay(TimeSpan.FromSeconds(10), _settings.TimeProvider, cancellationToken);
                start = _settings.TimeProvider.GetTimestamp();
            }
        }
    }

    private async Task<(long Bytes, double Seconds)> CopyFloorAsync(LocalClusterController controller, CancellationToken cancellationToken)
    {
        var primary = (await controller.GetStatusAsync(cancellationToken)).Primary ?? throw new LocalClusterException("restore: no primary to copy the data directory of");
        var target = Path.Combine(_settings.StateRoot, "copy-floor");
        try
        {
            var copy = await SequentialCopy.CopyAsync(primary.DataDir, target, _settings.TimeProvider, cancellationToken);
            _progress.Line(string.Create(CultureInfo.InvariantCulture, $"restore: plain sequential copy of {copy.Bytes / 1048576.0:0} MB in {copy.Seconds:0.00} s (the floor)"));
            return copy;
        }
        finally
        {
            if (Directory.Exists(target))
            {
                Directory.Delete(target, recursive: true);
            }
        }
    }
}
