using Resilience.Bench.Results;
using Resilience.ChaosSuite.Pipeline;
using Resilience.ChaosSuite.Reports;
using Resilience.ChaosSuite.Scenarios;
using Resilience.ChaosSuite.Scenarios.PrimaryOverload;
using Resilience.ChaosSuite.Timeline;
using Resilience.ChaosSuite.Verdicts;
using Resilience.ChaosSuite.Workload;

namespace Resilience.Bench.Running;

/// <summary>Runs one chaos-suite scenario on a benchmark cluster, exactly as <c>chaos run</c> would, and keeps its report.</summary>
internal sealed class ScenarioExecutor(BenchSettings settings, BenchProgress progress)
{
    /// <summary>
    /// Waits for the cluster to settle, runs <paramref name="scenario"/> and writes the suite's own reports
    /// (JSON, Markdown, JUnit, HTML timeline) into <c>runs/&lt;reportName&gt;</c> of the output directory.
    /// </summary>
    public async Task<ExecutedRun> RunAsync(
        BenchCluster cluster, string scenario, int repetition, string label, string reportName, int seed, WorkloadOptions? workload, CancellationToken cancellationToken, TimeSpan? preFault = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        progress.Label = label;
        var instance = scenario == PrimaryOverloadConstants.Name && settings.OverloadFactor > 1
            ? new PrimaryOverloadScenario(PrimaryOverloadOptions.Heavier(settings.OverloadFactor))
            : ScenarioCatalog.Create(scenario) ?? throw new ArgumentException($"unknown scenario '{scenario}'", nameof(scenario));
        await cluster.SettleAsync(cancellationToken);

        var clock = new RunClock(settings.TimeProvider);
        var options = new ScenarioRunnerOptions { Seed = seed };
        if (preFault is { } steady)
        {
            options.PreFault = steady;
        }

        if (workload is not null)
        {
            options.Workload = workload;
            options.ConfigurePipeline = p => AllowRate(p, workload.WritesPerSecond);
        }

        var runner = new ScenarioRunner(cluster.Spec, cluster.Platform, clock, options, progress);
        var result = await runner.RunAsync(instance, cancellationToken);
        WriteSuiteReport(cluster, result, clock, seed, label, reportName);
        var sample = new RunSample(
            scenario,
            cluster.Configuration.Name,
            repetition,
            ReportModelBuilder.OutcomeName(result.Outcome),
            result.AbortReason,
            result.Measurements.Values,
            result.Measurements.Observations,
            result.EndedAt - result.StartedAt);
        return new ExecutedRun(sample, AchievedWritesPerSecond(result));
    }

    /// <summary>Acknowledged writes per second between the workload's start and the fault (what the machine sustained).</summary>
    internal static double? AchievedWritesPerSecond(ScenarioResult result)
    {
        var start = result.Timeline.Phase(PhaseNames.WorkloadStarted)?.At;
        var end = result.Fault?.InjectedAt;
        if (start is not { } s || end is not { } e || e - s < 0.5)
        {
            return null;
        }

        var acknowledged = result.Timeline.Operations.Count(o => o is { Kind: OperationKind.Write, Succeeded: true } && o.StartedAt >= s && o.CompletedAt <= e);
        return acknowledged / (e - s);
    }

    /// <summary>The pipeline's per-endpoint rate limiter must not be what caps a high write rate.</summary>
    private static void AllowRate(DatabaseClientPipelineOptions pipeline, int writesPerSecond)
    {
        if (pipeline.WriteRateLimit.PermitsPerSecond < 2 * writesPerSecond)
        {
            pipeline.WriteRateLimit.PermitsPerSecond = 2 * writesPerSecond;
            pipeline.WriteRateLimit.Burst = Math.Max(pipeline.WriteRateLimit.Burst, writesPerSecond);
        }
    }

    private void WriteSuiteReport(BenchCluster cluster, ScenarioResult result, RunClock clock, int seed, string label, string reportName)
    {
        var directory = Path.Combine(settings.OutDir, "runs", reportName);
        try
        {
            var run = new RunResult(cluster.Spec.StackName, cluster.Platform.Kind, "run", seed, clock, clock.Now, [result]);
            ReportWriter.Write(ReportModelBuilder.Build(run), directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            progress.Line($"  [{label}] cannot write the suite's report to {directory}: {e.Message}");
        }
    }
}

/// <summary>A scenario run's figures and what the workload achieved before the fault.</summary>
/// <param name="Sample">The run's figures.</param>
/// <param name="AchievedWritesPerSecond">Acknowledged writes per second before the fault, when measurable.</param>
internal sealed record ExecutedRun(RunSample Sample, double? AchievedWritesPerSecond);
