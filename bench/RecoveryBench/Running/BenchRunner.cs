using System.Globalization;
using Resilience.Bench.Configurations;
using Resilience.Bench.Growth;
using Resilience.Bench.Planning;
using Resilience.Bench.Reports;
using Resilience.Bench.Results;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Workload;
using Resilience.LocalCluster;
using Resilience.Topology;

namespace Resilience.Bench.Running;

/// <summary>
/// The whole benchmark: the ours-vs-baseline comparison on two clusters run side by side, then the growth
/// series on a third cluster with our timing; writes the report after every run, and stops every cluster
/// it started whatever happens.
/// </summary>
internal sealed partial class BenchRunner
{
    private const string ReplicaFailure = "replica-hardware-failure";
    private const string PrimaryFailure = "primary-failure";

    private readonly BenchSettings _settings;
    private readonly BenchProgress _progress;
    private readonly ScenarioExecutor _executor;
    private readonly List<BenchCluster> _clusters = [];
    private readonly List<RunSample> _samples = [];
    private readonly List<GrowthRun> _growthRuns = [];
    private readonly List<string> _notes = [];
    private readonly StackSpec _spec;
    private readonly BenchConfiguration _ours;
    private readonly BenchConfiguration _baseline;
    private readonly IReadOnlyList<string> _scenarios;
    private readonly IReadOnlyList<PlannedRun> _plan;
    private readonly DateTimeOffset _startedAt;
    private int _runCounter;

    public BenchRunner(BenchSettings settings, BenchProgress progress)
    {
        _settings = settings;
        _progress = progress;
        _executor = new ScenarioExecutor(settings, progress);
        _spec = StackSpecLoader.Load(settings.SourceStackFile);
        _ours = BenchConfiguration.Ours(_spec) with { ReplicaSource = settings.ReplicaSource };
        _baseline = BenchConfiguration.Baseline();
        _scenarios = settings.Scenarios.Count > 0 ? settings.Scenarios : _spec.Gameday.Scenarios;
        _plan = settings.Comparison ? RunPlan.Alternating(_scenarios, settings.Baseline ? [_ours.Name, _baseline.Name] : [_ours.Name], settings.Runs) : [];
        _startedAt = settings.TimeProvider.GetUtcNow();
    }

    /// <summary>Clusters started and not yet stopped (for the last-resort stop on process exit).</summary>
    public IReadOnlyList<BenchCluster> Clusters => _clusters;

    /// <summary>Runs everything asked for; returns the report (also written to the output directory).</summary>
    public async Task<BenchReport> RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(_settings.OutDir);
        try
        {
            if (_settings.Comparison)
            {
                await CompareAsync(cancellationToken);
            }

            if (_settings.SynchronousStandbys.Count > 0)
            {
                await SynchronousStandbysAsync(cancellationToken);
            }

            if (_settings.ReplicaCounts.Count + _settings.WriteRates.Count + _settings.SizesGb.Count > 0)
            {
                await GrowthAsync(cancellationToken);
            }

            if (_settings.RestoreSizesGb.Count > 0)
            {
                await RestoreSizesAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _notes.Add("interrupted (Ctrl-C): the report holds the runs that finished");
        }
        catch (Exception e) when (e is LocalClusterException or PlatformException or InvalidOperationException or IOException or StackFileException)
        {
            _notes.Add($"stopped early: {e.Message}");
            _progress.Line($"bench: stopped early: {e.Message}");
        }
        finally
        {
            await StopAllAsync();
        }

        return WriteReport();
    }

    /// <summary>Stops every cluster still started; never throws.</summary>
    public async Task StopAllAsync()
    {
        foreach (var cluster in _clusters.ToList())
        {
            try
            {
                await cluster.StopAsync(_settings.KeepState);
            }
#pragma warning disable CA1031 // Stopping the others matters more than why one failed; the line says it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _progress.Line($"bench: could not stop cluster {cluster.Name} ({e.Message}); its pids are in {cluster.Controller.StateDir}: stop them with dotnet run --project src/LocalCluster -- down --stack-file {cluster.StackFile} --state-dir {cluster.Controller.StateDir}");
            }

            await cluster.DisposeAsync();
            _clusters.Remove(cluster);
        }
    }

    private async Task CompareAsync(CancellationToken cancellationToken)
    {
        var replicas = _spec.ReplicaGroups[0].Size;
        var byName = new Dictionary<string, BenchCluster>(StringComparer.Ordinal)
        {
            [_ours.Name] = await StartAsync(_ours.Name, _ours, _settings.PortBase, replicas.Desired, replicas.Max, cancellationToken),
        };
        if (_settings.Baseline)
        {
            byName[_baseline.Name] = await StartAsync(_baseline.Name, _baseline, _settings.PortBase + BenchConstants.PortBlock, replicas.Desired, replicas.Max, cancellationToken);
        }

        foreach (var run in _plan)
        {
            var label = $"{run.Index + 1}/{_plan.Count} {run.Configuration} {run.Scenario} #{run.Repetition}";
            _progress.Line($"run {label}");
            var executed = await AgainIfAbortedAsync(label, _samples, attempt => _executor.RunAsync(byName[run.Configuration], run.Scenario, run.Repetition, label,
                ReportName($"{run.Configuration}-{run.Scenario}-{run.Repetition}{attempt}"), _settings.Seed + run.Index, null, cancellationToken), cancellationToken);
            _samples.Add(executed.Sample);
            WriteReport();
        }

        foreach (var cluster in byName.Values)
        {
            await cluster.StopAsync(_settings.KeepState);
        }
    }

    /// <summary>
    /// What each synchronous_node_count costs: per count, a cluster with our timing loses a replica (the
    /// replica-hardware-failure scenario) after a longer steady workload, for commit latency before the
    /// fault and the write stall the loss causes. One cluster at a time, in the growth cluster's port block.
    /// </summary>
    private async Task SynchronousStandbysAsync(CancellationToken cancellationToken)
    {
        var group = _spec.ReplicaGroups[0].Size;
        foreach (var count in _settings.SynchronousStandbys)
        {
            var configuration = _ours with { Name = $"sync-{count}", Description = $"{_ours.Description}, synchronous_node_count {count}", SynchronousStandbys = count };
            var cluster = await StartAsync(configuration.Name, configuration, _settings.PortBase + (2 * BenchConstants.PortBlock), group.Desired, group.Max, cancellationToken);
            for (var r = 1; r <= _settings.GrowthRuns; r++)
            {
                var label = $"synchronous standbys {count} {ReplicaFailure} #{r}";
                _progress.Line($"run {label}");
                var aborted = new List<RunSample>();
                var executed = await AgainIfAbortedAsync(label, aborted, attempt => _executor.RunAsync(cluster, ReplicaFailure, r, label, ReportName($"sync-{count}-{ReplicaFailure}-{r}{attempt}"),
                    _settings.Seed + 2000 + _runCounter, null, cancellationToken, BenchConstants.SynchronousPreFault), cancellationToken);
                _growthRuns.AddRange(aborted.Select(a => new GrowthRun(GrowthSummaries.SynchronousSeries, count, a, new Dictionary<string, double>())));
                Record(GrowthSummaries.SynchronousSeries, count, executed.Sample, []);
            }

            await cluster.StopAsync(_settings.KeepState);
        }
    }

    private async Task GrowthAsync(CancellationToken cancellationToken)
    {
        var group = _spec.ReplicaGroups[0].Size;
        var max = Math.Max(group.Max, _settings.ReplicaCounts.DefaultIfEmpty(0).Max());
        var cluster = await StartAsync("growth", _ours, _settings.PortBase + (2 * BenchConstants.PortBlock), group.Desired, max, cancellationToken);
        var current = group.Desired;

        foreach (var replicas in _settings.ReplicaCounts)
        {
            if (replicas != current)
            {
                _progress.Line($"growth: scaling {_spec.ReplicaGroups[0].Name} to {replicas} replicas");
                await cluster.ScaleAsync(replicas, cancellationToken);
                current = replicas;
            }

            for (var r = 1; r <= _settings.GrowthRuns; r++)
            {
                var executed = await GrowthRunAsync(cluster, GrowthSummaries.ReplicaSeries, replicas, ReplicaFailure, r, $"replicas {replicas}", $"replicas-{replicas}", null, cancellationToken);
                Record(GrowthSummaries.ReplicaSeries, replicas, executed.Sample, []);
            }
        }

        if (current != group.Desired)
        {
            await cluster.ScaleAsync(group.Desired, cancellationToken);
        }

        foreach (var rate in _settings.WriteRates)
        {
            for (var r = 1; r <= _settings.GrowthRuns; r++)
            {
                var workload = new WorkloadOptions { WritesPerSecond = rate };
                var executed = await GrowthRunAsync(cluster, GrowthSummaries.RateSeries, rate, PrimaryFailure, r, $"{rate} writes/s", $"rate-{rate}", workload, cancellationToken);
                Record(GrowthSummaries.RateSeries, rate, executed.Sample,
                    executed.AchievedWritesPerSecond is { } achieved ? [(GrowthSummaries.AchievedWritesPerSecond, achieved)] : []);
            }
        }

        foreach (var gb in _settings.SizesGb)
        {
            await SizePointAsync(cluster, gb, cancellationToken);
        }

        await cluster.StopAsync(_settings.KeepState);
    }

    private async Task SizePointAsync(BenchCluster cluster, double gb, CancellationToken cancellationToken)
    {
        var scale = PgbenchLoader.ScaleFor(gb);
        _progress.Line(string.Create(CultureInfo.InvariantCulture, $"growth: loading about {gb} GB (pgbench scale {scale}) through the write endpoint"));
        var loadStart = _settings.TimeProvider.GetTimestamp();
        await PgbenchLoader.LoadAsync(cluster.Controller, scale, new LineWriter(_progress, cluster.Name), cancellationToken);
        _progress.Line(string.Create(CultureInfo.InvariantCulture, $"growth: loaded in {_settings.TimeProvider.GetElapsedTime(loadStart).TotalSeconds:0} s; waiting for the replicas to catch up and warm"));
        await cluster.SettleAsync(cancellationToken);

        // A replica restored from the repository replays the WAL written since the backup: it restores a backup of
        // the data just loaded, as it would the night's backup, not one taken before the load.
        double? backupSeconds = cluster.Configuration.ReplicaSource == ReplicaSource.Repository ? await FreshBackupAsync(cluster.Controller, cancellationToken) : null;
        for (var r = 1; r <= _settings.GrowthRuns; r++)
        {
            var status = await cluster.Controller.GetStatusAsync(cancellationToken);
            var primary = status.Primary ?? throw new LocalClusterException("growth: no primary to copy the data directory of");
            var target = Path.Combine(_settings.StateRoot, "copy-floor");
            _progress.Line($"growth: plain sequential copy of {primary.DataDir} (the physical floor)");
            (long Bytes, double Seconds) copy;
            try
            {
                copy = await SequentialCopy.CopyAsync(primary.DataDir, target, _settings.TimeProvider, cancellationToken);
            }
            finally
            {
                if (Directory.Exists(target))
                {
                    Directory.Delete(target, recursive: true);
                }
            }

            _progress.Line(string.Create(CultureInfo.InvariantCulture, $"growth: copied {copy.Bytes / 1048576.0:0} MB in {copy.Seconds:0.00} s"));
            var executed = await GrowthRunAsync(cluster, GrowthSummaries.SizeSeries, gb, ReplicaFailure, r, string.Create(CultureInfo.InvariantCulture, $"{gb} GB"), string.Create(CultureInfo.InvariantCulture, $"size-{gb}GB"), null, cancellationToken);
            var extra = new List<(string Name, double Value)>
            {
                (GrowthSummaries.CopySeconds, copy.Seconds),
                (GrowthSummaries.DataBytes, copy.Bytes),
                (GrowthSummaries.PgbenchScale, scale),
            };
            if (backupSeconds is { } backup)
            {
                extra.Add((GrowthSummaries.BackupSeconds, backup));
            }

            Record(GrowthSummaries.SizeSeries, gb, executed.Sample, extra);
        }
    }

    private async Task<ExecutedRun> GrowthRunAsync(BenchCluster cluster, string series, double value, string scenario, int repetition, string point, string reportName, WorkloadOptions? workload, CancellationToken cancellationToken)
    {
        var label = $"growth {point} {scenario} #{repetition}";
        _progress.Line($"run {label}");
        var aborted = new List<RunSample>();
        var executed = await AgainIfAbortedAsync(label, aborted, attempt => _executor.RunAsync(cluster, scenario, repetition, label, ReportName($"growth-{reportName}-{scenario}-{repetition}{attempt}"),
            _settings.Seed + 1000 + _runCounter, workload, cancellationToken), cancellationToken);
        _growthRuns.AddRange(aborted.Select(a => new GrowthRun(series, value, a, new Dictionary<string, double>())));
        return executed;
    }

    /// <summary>
    /// A run the suite aborted (its preflight refused, or a safety stop) measured nothing; it is kept in
    /// <paramref name="aborted"/> (listed in the report with its reason) and run once more after the cluster settles.
    /// </summary>
    private async Task<ExecutedRun> AgainIfAbortedAsync(string label, List<RunSample> aborted, Func<string, Task<ExecutedRun>> run, CancellationToken cancellationToken)
    {
        var executed = await run("");
        if (!executed.Sample.Aborted || cancellationToken.IsCancellationRequested)
        {
            return executed;
        }

        aborted.Add(executed.Sample);
        _notes.Add($"{label} was aborted ({executed.Sample.AbortReason}) and ran once more");
        _progress.Line($"run {label}: aborted, running it once more");
        return await run("-again");
    }

    private void Record(string series, double point, RunSample sample, IReadOnlyList<(string Name, double Value)> extra)
    {
        _growthRuns.Add(new GrowthRun(series, point, sample, extra.ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal)));
        WriteReport();
    }

    private async Task<BenchCluster> StartAsync(string name, BenchConfiguration configuration, int portBase, int replicas, int maxReplicas, CancellationToken cancellationToken)
    {
        if (portBase + BenchConstants.PortBlock - 1 > BenchConstants.LastPort)
        {
            throw new InvalidOperationException($"cluster {name} would use ports {portBase}-{portBase + BenchConstants.PortBlock - 1}, beyond the benchmark's range ending at {BenchConstants.LastPort}; lower --port-base");
        }

        var cluster = BenchCluster.Create(_settings, name, configuration, portBase, replicas, maxReplicas, _progress);
        _clusters.Add(cluster);
        var start = _settings.TimeProvider.GetTimestamp();
        await cluster.StartAsync(cancellationToken);
        _progress.Line(string.Create(CultureInfo.InvariantCulture, $"cluster {name} steady after {_settings.TimeProvider.GetElapsedTime(start).TotalSeconds:0.0} s (ports {portBase}+, state {cluster.Controller.StateDir})"));
        return cluster;
    }

    private string ReportName(string name) => string.Create(CultureInfo.InvariantCulture, $"{++_runCounter:000}-{name}");

    private BenchReport WriteReport()
    {
        var comparison = Comparison.Build(_samples, _scenarios, _ours.Name, _baseline.Name);
        var growth = GrowthSummaries.Summarize(_growthRuns);
        var report = new BenchReport(
            _startedAt,
            _settings.TimeProvider.GetUtcNow(),
            MachineInfo.Current(),
            _settings.Command,
            [_ours, _baseline],
            _plan,
            [.. _samples],
            comparison,
            growth,
            [.. _growthRuns],
            FigureChecks.Evaluate(comparison, _samples, growth, _ours.Name),
            [.. _notes]);
        File.WriteAllText(Path.Combine(_settings.OutDir, "recovery-bench.json"), JsonReport.Render(report));
        File.WriteAllText(Path.Combine(_settings.OutDir, "recovery-bench.md"), MarkdownReport.Render(report));
        return report;
    }
}
