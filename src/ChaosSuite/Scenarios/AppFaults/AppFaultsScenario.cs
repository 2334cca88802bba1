using System.Globalization;
using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Pipeline;
using Resilience.ChaosSuite.Pipeline.ChaosInjection;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Timeline;
using Resilience.ChaosSuite.Verdicts;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Scenarios.AppFaults;

/// <summary>
/// Simmy injects transient errors and latency into the workload's own resilience pipeline, below its
/// timeouts, retries and circuit breaker: the pipeline must keep failed reads and writes within targets.
/// The database is left alone.
/// </summary>
internal sealed class AppFaultsScenario : ChaosScenario
{
    private readonly AppFaultsOptions _options;
    private volatile bool _injecting;

    /// <summary>Creates the scenario.</summary>
    public AppFaultsScenario(AppFaultsOptions? options = null) => _options = options ?? new AppFaultsOptions();

    /// <inheritdoc />
    public override string Name => AppFaultsConstants.Name;

    /// <inheritdoc />
    public override string Summary => "Simmy injects errors and latency into the client pipeline: its retries, timeouts and fallback absorb them";

    /// <inheritdoc />
    public override IReadOnlyList<FaultKind> RequiredFaults { get; } = [];

    /// <inheritdoc />
    public override IReadOnlyList<string> JudgedMeasurements { get; } =
    [
        MeasurementNames.FailedReads, MeasurementNames.FailedWrites, MeasurementNames.LostWrites,
    ];

    /// <inheritdoc />
    public override TimeSpan HardDeadline(StackSpec spec) => _options.Duration + _options.HardDeadlineMargin;

    /// <inheritdoc />
    public override IReadOnlyList<string> Plan(StackSpec spec, ClusterObservation? observation) =>
    [
        string.Create(CultureInfo.InvariantCulture,
            $"for {_options.Duration.TotalSeconds:0} s, inject into {_options.InjectionRate:P0} of the workload's attempts: broken connections (Simmy fault), serialization failures (Simmy outcome), {_options.Latency.TotalSeconds:0.#} s delays (Simmy latency)"),
        "the pipeline's timeouts, retries with jitter, circuit breakers, rate limiters and read fallback to the primary must absorb them",
        $"failedReads <= {spec.RecoveryTargets.FailedReads}, failedWrites <= {spec.RecoveryTargets.FailedWrites}, lostWrites <= {spec.RecoveryTargets.LostWrites}",
    ];

    /// <inheritdoc />
    public override void ConfigurePipeline(DatabaseClientPipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var each = _options.InjectionRate / 3;
        options.Chaos = new ChaosInjectionOptions
        {
            FaultRate = each,
            OutcomeRate = each,
            LatencyRate = each,
            Latency = _options.Latency,
            Enabled = () => _injecting,
        };
    }

    /// <inheritdoc />
    public override async Task RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.InjectAsync(string.Create(CultureInfo.InvariantCulture, $"Simmy injecting into {_options.InjectionRate:P0} of client attempts"), null, expectedFailovers: 0,
            () =>
            {
                _injecting = true;
                return Task.CompletedTask;
            });
        try
        {
            await context.DelayAsync(_options.Duration, cancellationToken);
        }
        finally
        {
            Lift(context);
        }
    }

    /// <inheritdoc />
    public override Task RollbackAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        if (context is not null)
        {
            Lift(context);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override void Measure(ScenarioContext context, TimelineSnapshot timeline, MeasurementSet measurements, ICollection<PhaseMark> phases)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(measurements);
        var counters = context.Workload.Pipeline;
        measurements.Observe("injectionRate", _options.InjectionRate);
        measurements.Observe("injected", counters.InjectedFaults + counters.InjectedOutcomes + counters.InjectedLatencies);
    }

    private void Lift(ScenarioContext context)
    {
        if (!_injecting)
        {
            return;
        }

        _injecting = false;
        context.Mark(PhaseNames.FaultLifted, "Simmy injection off");
    }
}
