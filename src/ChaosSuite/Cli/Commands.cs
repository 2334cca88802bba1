using System.CommandLine;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Scenarios;
using Resilience.ChaosSuite.Verdicts;

namespace Resilience.ChaosSuite.Cli;

/// <summary>The commands: list, preflight, run, gameday.</summary>
internal static class Commands
{
    private static readonly TimeSpan PreflightWorkload = TimeSpan.FromSeconds(5);

    public static Command List(CliEnvironment env)
    {
        var command = new Command("list", "the scenarios, one line each");
        command.SetAction(_ =>
        {
            var width = ScenarioCatalog.Names.Max(n => n.Length);
            foreach (var name in ScenarioCatalog.Names)
            {
                env.Out.WriteLine($"{name.PadRight(width)}  {ScenarioCatalog.Create(name)!.Summary}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Preflight(CliEnvironment env)
    {
        var (stack, stacksDir, reportDir, seed, allowProduction, cell) = (CliOptions.Stack(), CliOptions.StacksDir(), CliOptions.ReportDir(), CliOptions.Seed(), CliOptions.AllowProduction(), CliOptions.Cell());
        var command = new Command("preflight", "resolve the stack, check steady state, run the workload a few seconds; inject nothing, say what a game-day would do")
        {
            stack, stacksDir, reportDir, seed, allowProduction, cell,
        };
        command.SetAction(async (parse, _) =>
        {
            using var interrupt = new Interrupt(env.Error);
            return await RunSession.ForEachCellAsync(env, parse.GetValue(stack)!, parse.GetValue(stacksDir), parse.GetValue(seed), parse.GetValue(allowProduction), parse.GetValue(cell), interrupt.Token, session => PreflightAsync(env, session, parse.GetValue(reportDir), interrupt.Token));
        });
        return command;
    }

    private static async Task<int> PreflightAsync(CliEnvironment env, RunSession session, string? reportDir, CancellationToken cancellationToken)
    {
        session.RequireHosting(session.Spec.Gameday.Scenarios.Select(n => ScenarioCatalog.Create(n)!));
        session.Header("preflight");
        if (session.Platform is IManagedPlatform managed && !await managed.IsRunningAsync(cancellationToken))
        {
            throw new UsageException($"preflight: the {session.Platform.Kind} cluster of stack {session.Spec.StackName} is not running; start it with: {managed.StartCommandHint} (chaos gameday starts it itself)", ExitCodes.Aborted);
        }

        var access = await ResolveAsync(session, cancellationToken);
        env.Out.WriteLine($"endpoints: write {access.Write}, read {access.Read}; database {access.Database} as {access.Username}");
        var runner = new ScenarioRunner(session.Spec, session.Platform, session.Clock, session.RunnerOptions(), session.Progress);
        var check = await runner.RunAsync(new SteadyWorkloadCheck(PreflightWorkload), cancellationToken);
        env.Out.WriteLine();
        env.Out.WriteLine($"the game-day of stack {session.Spec.StackName} would run:");
        foreach (var name in session.Spec.Gameday.Scenarios)
        {
            session.PrintPlan(await runner.DryRunAsync(ScenarioCatalog.Create(name)!, cancellationToken));
        }

        var run = new RunResult(session.Spec.StackName, session.Platform.Kind, "preflight", session.Seed, session.Clock, session.Clock.Now, [check]);
        var code = session.Finish(run, reportDir, writeReports: reportDir is not null);
        return code == ExitCodes.Success ? code : ExitCodes.Aborted;
    }

    public static Command Run(CliEnvironment env)
    {
        var (stack, stacksDir, reportDir, seed, dryRun, allowProduction, cell) = (CliOptions.Stack(), CliOptions.StacksDir(), CliOptions.ReportDir(), CliOptions.Seed(), CliOptions.DryRun(), CliOptions.AllowProduction(), CliOptions.Cell());
        var scenario = new Argument<string>("scenario") { Description = $"one of: {string.Join(", ", ScenarioCatalog.Names)}" };
        var command = new Command("run", "run one scenario against a stack") { scenario, stack, stacksDir, reportDir, seed, dryRun, allowProduction, cell };
        command.SetAction(async (parse, _) =>
        {
            var name = parse.GetValue(scenario)!;
            var chosen = ScenarioCatalog.Create(name)
                ?? throw new UsageException($"unknown scenario '{name}'; known: {string.Join(", ", ScenarioCatalog.Names)} (chaos list)");
            using var interrupt = new Interrupt(env.Error);
            return await RunSession.ForEachCellAsync(env, parse.GetValue(stack)!, parse.GetValue(stacksDir), parse.GetValue(seed), parse.GetValue(allowProduction), parse.GetValue(cell), interrupt.Token, async session =>
            {
                session.RequireHosting([chosen]);
                var runner = new ScenarioRunner(session.Spec, session.Platform, session.Clock, session.RunnerOptions(), session.Progress);
                if (parse.GetValue(dryRun))
                {
                    session.Header($"run {name} --dry-run (nothing is injected)");
                    return await DryRunAsync(env, session, runner, [chosen], interrupt.Token);
                }

                session.Header($"run {name}");
                session.Progress.ScenarioStarted(name, 1, 1);
                var result = await runner.RunAsync(chosen, interrupt.Token);
                var run = new RunResult(session.Spec.StackName, session.Platform.Kind, "run", session.Seed, session.Clock, session.Clock.Now, [result]);
                return session.Finish(run, parse.GetValue(reportDir));
            });
        });
        return command;
    }

    public static Command Gameday(CliEnvironment env)
    {
        var (stack, stacksDir, reportDir, seed, dryRun, allowProduction, cell) = (CliOptions.Stack(), CliOptions.StacksDir(), CliOptions.ReportDir(), CliOptions.Seed(), CliOptions.DryRun(), CliOptions.AllowProduction(), CliOptions.Cell());
        var keep = new Option<bool>("--keep-cluster") { Description = "leave a local cluster the game-day started running at the end" };
        var failOnRegression = new Option<bool>("--fail-on-regression") { Description = "exit 1 when a measurement regressed against the earlier reports beside the report directory, even with every target met" };
        var command = new Command("gameday", "the stack's game-day: every scenario it lists, each from steady state; starts a local cluster when needed")
        {
            stack, stacksDir, reportDir, seed, keep, dryRun, failOnRegression, allowProduction, cell,
        };
        command.SetAction(async (parse, _) =>
        {
            using var interrupt = new Interrupt(env.Error);
            return await RunSession.ForEachCellAsync(env, parse.GetValue(stack)!, parse.GetValue(stacksDir), parse.GetValue(seed), parse.GetValue(allowProduction), parse.GetValue(cell), interrupt.Token, async session =>
            {
                var scenarios = session.Spec.Gameday.Scenarios.Select(n => ScenarioCatalog.Create(n)!).ToList();
                session.RequireHosting(scenarios);
                var runnerOptions = session.RunnerOptions();
                if (parse.GetValue(dryRun))
                {
                    session.Header("gameday --dry-run (nothing is injected)");
                    var runner = new ScenarioRunner(session.Spec, session.Platform, session.Clock, runnerOptions, session.Progress);
                    return await DryRunAsync(env, session, runner, scenarios, interrupt.Token);
                }

                session.Header($"gameday ({string.Join(", ", session.Spec.Gameday.Scenarios)})");
                var gameday = new Gameday.GamedayRun(session.Spec, session.Platform, session.Clock,
                    new Gameday.GamedayOptions { KeepPlatform = parse.GetValue(keep), Runner = runnerOptions }, session.Progress);
                var run = await gameday.RunAsync(null, interrupt.Token);
                return session.Finish(run, parse.GetValue(reportDir), regressions: parse.GetValue(failOnRegression) ? RegressionCheck.Fail : RegressionCheck.Report);
            });
        });
        return command;
    }

    /// <summary>
    /// Prints each scenario's plan. A plan is only as good as the platform's answers: when a cloud platform cannot be
    /// reached (no credentials, expired token, wrong context), the plans are still printed, and the dry run then ends
    /// as preflight does, exit 3 with one line saying what was not checked. A local cluster that is not running is not
    /// an error here (a game-day starts it); the line says the plan names no member.
    /// </summary>
    private static async Task<int> DryRunAsync(CliEnvironment env, RunSession session, ScenarioRunner runner, IReadOnlyList<ChaosScenario> scenarios, CancellationToken cancellationToken)
    {
        string? unreachable = null;
        var stopped = session.Platform is IManagedPlatform managed && !await managed.IsRunningAsync(cancellationToken);
        if (!stopped)
        {
            try
            {
                // The same discovery and control-plane reads a run starts with (credentials, region, context, names).
                await session.Platform.ObserveAsync(cancellationToken);
            }
            catch (PlatformException e)
            {
                unreachable = e.Message;
            }
        }

        foreach (var scenario in scenarios)
        {
            session.PrintPlan(await runner.DryRunAsync(scenario, cancellationToken));
        }

        if (stopped)
        {
            env.Out.WriteLine($"note: the {session.Platform.Kind} cluster is not running, so the plan names no member ({((IManagedPlatform)session.Platform).StartCommandHint} starts it; chaos gameday starts it itself)");
            return ExitCodes.Success;
        }

        if (unreachable is null)
        {
            return ExitCodes.Success;
        }

        await env.Error.WriteLineAsync($"chaos: dry run not checked against the platform: {unreachable}");
        return ExitCodes.Aborted;
    }

    private static async Task<DatabaseAccess> ResolveAsync(RunSession session, CancellationToken cancellationToken)
    {
        try
        {
            return await session.Platform.ResolveAsync(cancellationToken);
        }
        catch (PlatformException e)
        {
            throw new UsageException($"preflight: {e.Message}", ExitCodes.Aborted);
        }
    }
}
