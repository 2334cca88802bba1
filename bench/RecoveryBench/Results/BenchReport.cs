using Resilience.Bench.Configurations;
using Resilience.Bench.Planning;

namespace Resilience.Bench.Results;

/// <summary>Everything one benchmark run produced; written as <c>recovery-bench.json</c> and rendered as <c>recovery-bench.md</c>.</summary>
/// <param name="StartedAt">Wall time when it started.</param>
/// <param name="EndedAt">Wall time when it ended.</param>
/// <param name="Machine">Where it ran.</param>
/// <param name="Command">The command line, to run it again.</param>
/// <param name="Configurations">The compared configurations, ours first.</param>
/// <param name="Plan">The comparison's runs in the order they ran.</param>
/// <param name="Runs">Every comparison run's figures.</param>
/// <param name="Comparison">Median, min and max per scenario, measurement and configuration, with the ratio.</param>
/// <param name="Growth">The growth series (ours only).</param>
/// <param name="GrowthRuns">Every growth run's figures, labelled by series and point.</param>
/// <param name="Figures">Issue 8's figures against our configuration's results.</param>
/// <param name="Notes">What limited or changed this run (interrupted, skipped series, errors).</param>
public sealed record BenchReport(
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    MachineInfo Machine,
    string Command,
    IReadOnlyList<BenchConfiguration> Configurations,
    IReadOnlyList<PlannedRun> Plan,
    IReadOnlyList<RunSample> Runs,
    IReadOnlyList<ComparisonRow> Comparison,
    GrowthResults Growth,
    IReadOnlyList<GrowthRun> GrowthRuns,
    IReadOnlyList<FigureCheck> Figures,
    IReadOnlyList<string> Notes);

/// <summary>One growth run: a scenario run at one point of a series, with the extra figures of that series.</summary>
/// <param name="Series">Which series: <c>size</c>, <c>rate</c> or <c>replicas</c>.</param>
/// <param name="Point">The point's value (GB, writes/s, replicas).</param>
/// <param name="Sample">The scenario run.</param>
/// <param name="Extra">Figures of the series measured beside the scenario (copySeconds, dataBytes, achievedWritesPerSecond).</param>
public sealed record GrowthRun(string Series, double Point, RunSample Sample, IReadOnlyDictionary<string, double> Extra);
