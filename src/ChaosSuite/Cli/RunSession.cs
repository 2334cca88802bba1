using System.Globalization;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Reports;
using Resilience.ChaosSuite.Reports.History;
using Resilience.ChaosSuite.Scenarios;
using Resilience.ChaosSuite.Timeline;
using Resilience.ChaosSuite.Verdicts;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Cli;

/// <summary>What every command that touches a stack shares: the spec, the platform, the clock, progress, reports, the scorecard.</summary>
internal sealed class RunSession : IAsyncDisposable
{
    private readonly CliEnvironment _env;

    private RunSession(CliEnvironment env, string stacksDir, StackSpec spec, IDatabasePlatform platform, int seed)
    {
        _env = env;
        StacksDir = stacksDir;
        Spec = spec;
        Platform = platform;
        Seed = seed;
        Clock = new RunClock(env.TimeProvider);
        Progress = new TerminalProgress(env.Out, env.IsTerminal, Clock);
    }

    public string StacksDir { get; }

    public StackSpec Spec { get; }

    public IDatabasePlatform Platform { get; }

    public int Seed { get; }

    public RunClock Clock { get; }

    public TerminalProgress Progress { get; }

    /// <summary>Loads the stack and creates its platform adapter; user errors (and a production stack not allowed) become <see cref="UsageException"/>.</summary>
    public static RunSession Open(CliEnvironment env, string stack, string? stacksDir, int? seed, string? allowProduction = null)
    {
        var dir = StackLocator.Find(stacksDir, env.WorkingDirectory);
        StackSpec spec;
        try
        {
            spec = StackSpecLoader.LoadStack(dir, stack);
        }
        catch (StackFileException e)
        {
            throw new UsageException(e.Message);
        }

        if (ProductionStacks.Refusal(spec, allowProduction) is { } production)
        {
            throw new UsageException(production);
        }

        IDatabasePlatform platform;
        try
        {
            platform = env.CreatePlatform(spec, dir);
        }
        catch (PlatformException e)
        {
            throw new UsageException(e.Message);
        }

        return new RunSession(env, dir, spec, platform, seed ?? Random.Shared.Next(1, 1_000_000));
    }

    /// <summary>Refuses (exit 2, one line, before anything is injected) when the platform cannot host one of <paramref name="scenarios"/>.</summary>
    public void RequireHosting(IEnumerable<ChaosScenario> scenarios)
    {
        if (ScenarioHosting.Refusal(scenarios, Platform, Spec) is { } refusal)
        {
            throw new UsageException(refusal);
        }
    }

    public ScenarioRunnerOptions RunnerOptions()
    {
        var options = new ScenarioRunnerOptions { Seed = Seed };
        _env.ConfigureRunner?.Invoke(options);
        return options;
    }

    public void Header(string what)
    {
        _env.Out.WriteLine($"chaos {what}: stack {Spec.StackName} (platform {Platform.Kind}), seed {Seed.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>
    /// Writes the reports, prints the scorecard and the verdict; returns the exit code. With <paramref name="regressions"/>,
    /// judges the run against the earlier reports beside its report directory (docs/reports.md).
    /// </summary>
    public int Finish(RunResult run, string? reportDir, bool writeReports = true, RegressionCheck regressions = RegressionCheck.Off)
    {
        _env.Out.WriteLine();
        Scorecard.Print(run, _env.Out, _env.IsTerminal);
        var directory = reportDir is null
            ? Path.Combine(ReportArchive.DefaultDirectory(StacksDir, Spec.StackName), $"{Clock.StartedAt:yyyyMMdd-HHmmss}-{run.Command}")
            : Path.GetFullPath(reportDir, _env.WorkingDirectory);
        var report = ReportModelBuilder.Build(run);
        if (regressions != RegressionCheck.Off)
        {
            report = report with { Regressions = RegressionReport.Judge(report, directory, _env.Out, _env.Error) };
        }

        if (writeReports)
        {
            try
            {
                ReportWriter.Write(report, directory);
                _env.Out.WriteLine($"reports: {Path.Combine(directory, "report.html")} (and report.json, report.md, junit.xml)");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _env.Error.WriteLine($"chaos: cannot write the reports to {directory}: {e.Message}");
            }
        }

        var targets = run.Scenarios.SelectMany(s => s.Targets).ToList();
        var missed = targets.Count(t => !t.Met);
        _env.Out.WriteLine(run.Outcome switch
        {
            ScenarioOutcome.Passed => $"verdict: PASSED, {targets.Count} of {targets.Count} targets met",
            ScenarioOutcome.Failed => $"verdict: FAILED, {missed} of {targets.Count} targets missed",
            _ => $"verdict: ABORTED, {string.Join("; ", run.Scenarios.Where(s => s.Outcome == ScenarioOutcome.Aborted).Select(s => $"{s.Name}: {s.AbortReason}"))}",
        });
        var code = ExitCodes.For(run.Outcome);
        if (code == ExitCodes.Success && regressions == RegressionCheck.Fail && report.Regressions.Count > 0)
        {
            _env.Out.WriteLine($"verdict: FAILED on --fail-on-regression, {report.Regressions.Count} measurements regressed");
            return ExitCodes.TargetMissed;
        }

        return code;
    }

    public void PrintPlan(ScenarioResult dryRun)
    {
        _env.Out.WriteLine($"{dryRun.Name}: {dryRun.Summary}");
        for (var i = 0; i < dryRun.Plan.Count; i++)
        {
            _env.Out.WriteLine($"  {i + 1}. {dryRun.Plan[i]}");
        }
    }

    public ValueTask DisposeAsync() => Platform.DisposeAsync();
}
