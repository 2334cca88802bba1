using Resilience.Topology.Options;
using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Pipeline;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Timeline;
using Resilience.ChaosSuite.Verdicts;
using Resilience.ChaosSuite.Workload;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Scenarios;

/// <summary>
/// Runs one scenario the way DESIGN.md lists it: preflight, workload, fault, recovery with deadlines,
/// rollback whatever happened, ledger check, measurements and verdicts.
/// </summary>
internal sealed class ScenarioRunner
{
    private readonly StackSpec _spec;
    private readonly IDatabasePlatform _platform;
    private readonly RunClock _clock;
    private readonly ScenarioRunnerOptions _options;
    private readonly IRunProgress _progress;
    private readonly Func<WorkloadRequest, IWorkload> _createWorkload;

    /// <summary>Creates a runner for scenarios against <paramref name="platform"/>.</summary>
    /// <param name="spec">The stack.</param>
    /// <param name="platform">The platform under test.</param>
    /// <param name="clock">The run's clock.</param>
    /// <param name="options">Timing, workload, sampling, seed.</param>
    /// <param name="progress">Where the run reports.</param>
    /// <param name="createWorkload">Builds each scenario's workload; defaults to <see cref="ApplicationWorkload.Create"/> (tests inject a fake).</param>
    public ScenarioRunner(StackSpec spec, IDatabasePlatform platform, RunClock clock, ScenarioRunnerOptions options, IRunProgress progress, Func<WorkloadRequest, IWorkload>? createWorkload = null)
    {
        _createWorkload = createWorkload ?? ApplicationWorkload.Create;
        _spec = spec ?? throw new ArgumentNullException(nameof(spec));
        _platform = platform ?? throw new ArgumentNullException(nameof(platform));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        OptionsValidator.Validate(options);
        _progress = progress ?? throw new ArgumentNullException(nameof(progress));
    }

    /// <summary>What <paramref name="scenario"/> would do; injects nothing.</summary>
    public async Task<ScenarioResult> DryRunAsync(ChaosScenario scenario, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var spec = _spec.ForScenario(scenario.Name);
        var started = _clock.Now;
        ClusterObservation? observation = null;
        var plan = new List<string>();
        try
        {
            observation = await _platform.ObserveAsync(cancellationToken);
            var refusal = SteadyStateGuard.Refusal(spec, observation) ?? scenario.Precondition(spec, observation);
            plan.Add(refusal is null ? "steady state holds: the fault could be injected now" : $"would refuse to inject: {refusal}");
        }
        catch (PlatformException e)
        {
            plan.Add($"the platform cannot be observed now ({e.Message}); the plan below names no member");
        }

        plan.AddRange(scenario.Plan(spec, observation));
        plan.AddRange(scenario.RequiredFaults.Select(f => $"{FaultNames.Of(f)} on platform {_platform.Kind}: {_platform.Capabilities.Describe(f)}"));
        var targets = Judge.TargetsOf(spec, scenario.Name);
        plan.Add($"judges: {string.Join(", ", scenario.JudgedMeasurements.Select(n => $"{n} <= {Judge.Format(n, targets[n])}"))}");
        var timeline = new ScenarioTimeline(_clock).Snapshot();
        return new ScenarioResult(scenario.Name, scenario.Summary, ScenarioOutcome.DryRun, null, started, _clock.Now, null, [], new MeasurementSet(), [], timeline, plan);
    }

    /// <summary>Runs <paramref name="scenario"/>; <paramref name="cancellationToken"/> is Ctrl-C, SIGTERM or SIGHUP (the scenario is then rolled back and reported as aborted).</summary>
    public async Task<ScenarioResult> RunAsync(ChaosScenario scenario, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);

        // The scenario's own targets (resilience:gameday.targets) from here on: its plan, deadlines and verdicts agree.
        var spec = _spec.ForScenario(scenario.Name);
        var timeline = new ScenarioTimeline(_clock);
        var started = _clock.Now;
        var plan = scenario.Plan(spec, null);
        if (ScenarioHosting.Refusal(scenario, _platform.Kind, _platform.Capabilities, spec) is { } cannotHost)
        {
            return Aborted(scenario, timeline, started, plan, cannotHost);
        }

        ClusterObservation steady;
        DatabaseAccess access;
        try
        {
            access = await _platform.ResolveAsync(cancellationToken);
            steady = await _platform.ObserveAsync(cancellationToken);
        }
        catch (Exception e) when (e is PlatformException or OperationCanceledException)
        {
            return Aborted(scenario, timeline, started, plan, $"preflight: {(e is PlatformException ? e.Message : "interrupted")}");
        }

        timeline.Add(steady);
        var refusal = SteadyStateGuard.Refusal(spec, steady) ?? scenario.Precondition(spec, steady);
        if (refusal is not null)
        {
            timeline.Mark(PhaseNames.SteadyState, $"refused: {refusal}");
            return Aborted(scenario, timeline, started, plan, $"preflight refused to inject: {refusal}");
        }

        plan = scenario.Plan(spec, steady);
        Mark(scenario, timeline, PhaseNames.SteadyState, "double-fault guard passed");
        var pipelineOptions = new DatabaseClientPipelineOptions { TimeProvider = _clock.TimeProvider, Randomizer = SeededRandomizer(_options.Seed) };
        _options.ConfigurePipeline?.Invoke(pipelineOptions);
        scenario.ConfigurePipeline(pipelineOptions);

        var sampler = new ClusterSampler(_platform, timeline, _options.Sampler);
        await using (sampler.ConfigureAwait(false))
        {
            sampler.Start();
            var workload = _createWorkload(new WorkloadRequest(access, _platform.ServerIdentitySql, pipelineOptions, timeline, _options.Workload));
            await using (workload.ConfigureAwait(false))
            {
                var context = new ScenarioContext(scenario.Name, spec, _platform, access, sampler, timeline, workload, steady, new Random(_options.Seed), _progress);
                return await RunWithWorkloadAsync(scenario, context, plan, started, cancellationToken);
            }
        }
    }

    private async Task<ScenarioResult> RunWithWorkloadAsync(
        ChaosScenario scenario, ScenarioContext context, IReadOnlyList<string> plan, double started, CancellationToken cancellationToken)
    {
        var timeline = context.Timeline;
        string? abortReason = null;
        double workloadStart;
        try
        {
            await context.Workload.PrepareAsync(cancellationToken);
            context.Workload.Start();
            workloadStart = context.Mark(PhaseNames.WorkloadStarted, $"{_options.Workload.WritesPerSecond} writes/s, {_options.Workload.ReadsPerSecond} reads/s").At;
            await context.DelayAsync(_options.PreFault, cancellationToken);
            abortReason = BaselineProblem(context);
        }
        catch (Exception e) when (e is not OperationCanceledException || cancellationToken.IsCancellationRequested)
        {
            workloadStart = _clock.Now;
            abortReason = cancellationToken.IsCancellationRequested ? $"{ScenarioRunnerConstants.Interrupted} before the fault" : $"the workload cannot reach the write endpoint {context.Access.Write}: {e.Message}";
        }

        if (abortReason is null)
        {
            abortReason = await InjectUnderWatchAsync(scenario, context, cancellationToken);
        }

        await RollbackAsync(scenario, context, abortReason is not null);
        await context.Workload.StopAsync();
        var workloadEnd = context.Mark(PhaseNames.WorkloadStopped).At;
        var (ledger, ledgerError) = await VerifyLedgerAsync(context);

        var snapshot = timeline.Snapshot();
        var inputs = new MeasurementInputs(context.DesiredByGroup, ledger, ledgerError, workloadStart, workloadEnd);
        var (measurements, phases) = ScenarioMeasurements.Assemble(scenario, context, snapshot, inputs);
        var verdicts = Judge.Verdicts(context.Spec, scenario.Name, scenario.JudgedMeasurements, measurements);
        var outcome = abortReason is not null ? ScenarioOutcome.Aborted : Judge.Outcome(verdicts);
        var result = new ScenarioResult(scenario.Name, scenario.Summary, outcome, abortReason, started, _clock.Now, context.Fault, phases, measurements, verdicts, snapshot, plan);
        _progress.ScenarioFinished(result);
        return result;
    }

    private async Task<string?> InjectUnderWatchAsync(ChaosScenario scenario, ScenarioContext context, CancellationToken cancellationToken)
    {
        var watchdog = ScenarioWatchdog.Start(scenario, context, _options, () => _progress.Tick(Progress(context)), cancellationToken);
        await using (watchdog.ConfigureAwait(false))
        {
            try
            {
                await scenario.RunAsync(context, watchdog.Token);
                return null;
            }
            catch (OperationCanceledException) when (watchdog.Token.IsCancellationRequested)
            {
                var reason = cancellationToken.IsCancellationRequested ? ScenarioRunnerConstants.Interrupted : watchdog.StopReason ?? "stopped";
                context.Mark(PhaseNames.SafetyStop, reason);
                return $"safety stop: {reason}";
            }
            catch (PlatformException e)
            {
                context.Mark(PhaseNames.SafetyStop, e.Message);
                return $"the platform failed: {e.Message}";
            }
        }
    }

    private async Task RollbackAsync(ChaosScenario scenario, ScenarioContext context, bool aborted)
    {
        context.Mark(PhaseNames.Rollback, "restoring the desired state");
        using var timeout = new CancellationTokenSource(_options.RollbackTimeout, _clock.TimeProvider);

        // Each step runs even when the one before failed: a scenario's own undo failing must not leave a
        // member frozen. WaitAsync: a platform call that ignores its token must not hold the rollback past its timeout.
        var completed = await RollbackStepAsync(context, () => scenario.RollbackAsync(context, timeout.Token), timeout.Token)
            & await RollbackStepAsync(context, () => context.LiftAsync(timeout.Token), timeout.Token)
            & await RollbackStepAsync(context, () => _platform.RestoreDesiredStateAsync(timeout.Token), timeout.Token);
        if (completed && !aborted)
        {
            await RollbackStepAsync(context, () => context.DelayAsync(_options.PostRecovery, timeout.Token), timeout.Token);
        }
    }

    private static async Task<bool> RollbackStepAsync(ScenarioContext context, Func<Task> step, CancellationToken timeout)
    {
        try
        {
            await step().WaitAsync(timeout);
            return true;
        }
        catch (Exception e) when (e is PlatformException or OperationCanceledException)
        {
            context.Info($"rollback did not complete: {(e is PlatformException ? e.Message : "timed out")}");
            return false;
        }
    }

    private async Task<(LedgerVerification?, string?)> VerifyLedgerAsync(ScenarioContext context)
    {
        using var timeout = new CancellationTokenSource(_options.LedgerTimeout, _clock.TimeProvider);
        try
        {
            var ledger = await context.Workload.VerifyLedgerAsync(timeout.Token).WaitAsync(timeout.Token);
            context.Mark(PhaseNames.LedgerVerified, $"{ledger.Acknowledged} acknowledged, {ledger.Present} present, {ledger.LostWrites} lost");
            try
            {
                await context.Workload.DeleteLedgerRowsAsync(timeout.Token).WaitAsync(timeout.Token);
            }
#pragma warning disable CA1031 // Cleaning up the ledger rows is best effort.
            catch (Exception)
#pragma warning restore CA1031
            {
            }

            return (ledger, null);
        }
#pragma warning disable CA1031 // An unverifiable ledger is reported, not thrown.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return (null, e is OperationCanceledException ? "timed out" : e.Message);
        }
    }

    private static string? BaselineProblem(ScenarioContext context)
    {
        var counters = context.Workload.Counters;
        return counters.AcknowledgedWrites == 0 ? $"steady state: no write was acknowledged through {context.Access.Write} before the fault"
            : counters.Reads == 0 ? $"steady state: no read was answered through {context.Access.Read} before the fault"
            : null;
    }

    private ProgressSnapshot Progress(ScenarioContext context)
    {
        var counters = context.Workload.Counters;
        var phase = context.Timeline.Snapshot().Phases.LastOrDefault()?.Name ?? "";
        var gates = string.Join(", ", context.Latest.Members.Select(m =>
            $"{m.Name} {(m.Health != MemberHealth.Running ? m.Health.ToString().ToLowerInvariant() : m.Role == MemberRole.Primary ? "primary" : m.GateOpen ? "open" : "closed")}"));
        return new ProgressSnapshot(context.Scenario, phase, _clock.Now - context.StartedAt, counters.AcknowledgedWrites, counters.FailedWrites, counters.Reads, counters.FailedReads, gates);
    }

    private void Mark(ChaosScenario scenario, ScenarioTimeline timeline, string phase, string detail) =>
        _progress.Phase(scenario.Name, timeline.Mark(phase, detail));

    private ScenarioResult Aborted(ChaosScenario scenario, ScenarioTimeline timeline, double started, IReadOnlyList<string> plan, string reason)
    {
        var result = new ScenarioResult(scenario.Name, scenario.Summary, ScenarioOutcome.Aborted, reason, started, _clock.Now, null, timeline.Snapshot().Phases,
            new MeasurementSet(), [], timeline.Snapshot(), plan);
        _progress.ScenarioFinished(result);
        return result;
    }

    private static Func<double> SeededRandomizer(int seed)
    {
        var random = new Random(seed);
        return () =>
        {
            lock (random)
            {
                return random.NextDouble();
            }
        };
    }
}
