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

    private RunSession(CliEnvironment env, string stacksDir, StackSpec spec, IDatabasePlatform platform, int seed, string? cell)
    {
        _env = env;
        StacksDir = stacksDir;
        Spec = spec;
        Platform = platform;
        Seed = seed;
        Cell = cell;
        Clock = new RunClock(env.TimeProvider);
        Progress = new TerminalProgress(env.Out, env.IsTerminal, Clock);
    }

    public string StacksDir { get; }

    public StackSpec Spec { get; }

    public IDatabasePlatform Platform { get; }

    public int Seed { get; }

    /// <summary>The cell this session drives when the stack has several (its reports go to a folder of that name), else null.</summary>
    public string? Cell { get; }

    public RunClock Clock { get; }

    public TerminalProgress Progress { get; }

    /// <summary>Loads the stack and creates its platform adapter; user errors (and a production stack not allowed) become <see cref="UsageException"/>.</summary>
    public static RunSession Open(CliEnvironment env, string stack, string? stacksDir, int? seed, string? allowProduction = null) =>
        Open(env, Load(env, stack, stacksDir, allowProduction), seed, cell: null);

    /// <summary>
    /// Runs <paramref name="command"/> once per chosen cell (<see cref="StackCells"/>), each with its own session and
    /// adapter, one after the other, until <paramref name="interrupt"/>; returns the worst exit code. The seed is shared,
    /// so every cell makes the same choices.
    /// </summary>
    public static async Task<int> ForEachCellAsync(CliEnvironment env, string stack, string? stacksDir, int? seed, string? allowProduction, string? cell, CancellationToken interrupt, Func<RunSession, Task<int>> command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var loaded = Load(env, stack, stacksDir, allowProduction);
        var cells = StackCells.Chosen(loaded.Spec, cell);
        var shared = seed ?? Random.Shared.Next(1, 1_000_000);
        var codes = new List<int>();
        foreach (var chosen in cells)
        {
            if (interrupt.IsCancellationRequested)
            {
                // Ctrl-C or SIGTERM during one cell: the cells after it are not started.
                break;
            }

            await using var session = Open(env, loaded with { Spec = StackCells.Narrowed(loaded.Spec, chosen) }, shared, loaded.Spec.Cells.Count > 1 ? chosen.Name : null);
            codes.Add(await command(session));
        }

        return StackCells.Worst(codes);
    }

    private sealed record LoadedStack(string Dir, StackSpec Spec);

    private static LoadedStack Load(CliEnvironment env, string stack, string? stacksDir, string? allowProduction)
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

        return new LoadedStack(dir, spec);
    }

    private static RunSession Open(CliEnvironment env, LoadedStack stack, int? seed, string? cell)
    {
        IDatabasePlatform platform;
        try
        {
            platform = env.CreatePlatform(stack.Spec, stack.Dir);
        }
        catch (PlatformException e)
        {
            throw new UsageException(cell is null ? e.Message : $"cell {cell}: {e.Message}");
        }

        return new RunSession(env, stack.Dir, stack.Spec, platform, seed ?? Random.Shared.Next(1, 1_000_000), cell);
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
        var cell = Cell is null ? "" : $", cell {Cell}";
        _env.Out.WriteLine($"chaos {what}: stack {Spec.StackName}{cell} (platform {Platform.Kind}), seed {Seed.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>
    /// Writes the reports, prints the scorecard and the verdict; returns the exit code. With <paramref name="regressions"/>,
    /// judges the run against the earlier reports beside its report directory (docs/reports.md).
    /// </summary>
    public int Finish(RunResult run, string? reportDir, bool writeReports = true, RegressionCheck regressions = RegressionCheck.Off)
    {
        _env.Out.WriteLine();
        Scorecard.Print(run, _env.Out, _env.IsTerminal);
        var runDirectory = reportDir is null
            ? Path.Combine(ReportArchive.DefaultDirectory(StacksDir, Spec.StackName), $"{Clock.StartedAt:yyyyMMdd-HHmmss}-{run.Command}")
            : Path.GetFullPath(reportDir, _env.WorkingDirectory);

        // One report per cell, side by side in the run's folder.
        var directory = Cell is null ? runDirectory : Path.Combine(runDirectory, Cell);
        var report = ReportModelBuilder.Build(run with { Cell = Cell });
        if (regressions != RegressionCheck.Off)
        {
            report = report with { Regressions = RegressionReport.Judge(report, runDirectory, _env.Out, _env.Error) };
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
