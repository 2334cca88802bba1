using System.Globalization;
using Resilience.ChaosSuite.Load;
using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Timeline;
using Resilience.ChaosSuite.Verdicts;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Scenarios.PrimaryOverload;

/// <summary>
/// Load on the primary rises until it saturates: many connections from many client addresses running
/// CPU-heavy queries. The alarm must fire in time, no failover may happen because of it, the replica
/// group should scale out, and the workload's latency and shed requests are measured.
/// </summary>
internal sealed class PrimaryOverloadScenario : ChaosScenario
{
    private readonly PrimaryOverloadOptions _options;
    private LoadGenerator? _load;
    private string? _failedOver;
    private long _shedAtStart;
    private (long Shed, long Rejected, long Queries, long Relayed, int Addresses, int AddressesUsed, int Peak)? _loadFigures;
    private int _peakConnections;

    /// <summary>Creates the scenario.</summary>
    public PrimaryOverloadScenario(PrimaryOverloadOptions? options = null) => _options = options ?? new PrimaryOverloadOptions();

    /// <inheritdoc />
    public override string Name => PrimaryOverloadConstants.Name;

    /// <inheritdoc />
    public override string Summary => "load on the primary rises to saturation from many client addresses: the alarm fires, no failover happens";

    /// <inheritdoc />
    public override IReadOnlyList<FaultKind> RequiredFaults { get; } = [FaultKind.OverloadTarget];

    /// <inheritdoc />
    public override IReadOnlyList<string> JudgedMeasurements { get; } =
    [
        MeasurementNames.AlarmDetectSeconds, MeasurementNames.FalseFailovers, MeasurementNames.LostWrites,
    ];

    /// <inheritdoc />
    public override TimeSpan HardDeadline(StackSpec spec) => LoadDuration(spec) + _options.HardDeadlineMargin;

    /// <inheritdoc />
    public override IReadOnlyList<string> Plan(StackSpec spec, ClusterObservation? observation)
    {
        var load = _options.Load;
        var alarms = ExpectedAlarms(spec);
        return
        [
            string.Create(CultureInfo.InvariantCulture,
                $"ramp CPU-heavy queries from {load.StartConnections} to {load.MaxConnections} connections (+{load.RampStep} every {load.RampInterval.TotalSeconds:0} s{(_options.StopRampAtAlarm ? $", stopping at the alarm; without one on to {Math.Max(load.MaxConnections, _options.RampCeilingWithoutAlarm)}" : ", on past the alarm")}), from {load.ClientAddresses} loopback client addresses (127.0.0.2 upwards, through source-address relays), {load.ReadShare:P0} of them to the read endpoint"),
            alarms.Count == 0
                ? "the stack has no alarm on primary CPU, connections or load: alarmDetectSeconds cannot be measured"
                : $"wait for one of {string.Join(", ", alarms)} to reach ALARM (alarmDetectSeconds <= {Judge.Format(MeasurementNames.AlarmDetectSeconds, spec.RecoveryTargets.AlarmDetectSeconds)})",
            _options.AwaitScaleOut && spec.ReplicaGroups.Any(g => g.Autoscaling is not null)
                ? "keep the load on until a replica group scales out (or its autoscaling sustain time passes)"
                : "no autoscaling to wait for",
            $"stop the load; no promotion may have happened (falseFailovers <= {spec.RecoveryTargets.FalseFailovers}); writeUnavailableSeconds (the write endpoint routing to no member under load, expected 0), write latency p50/p99 and shed requests are reported",
        ];
    }

    /// <inheritdoc />
    public override async Task RunAsync(ScenarioContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var spec = context.Spec;
        var load = _options.Load;
        var primary = context.Latest.Primary?.Name;
        _load = new LoadGenerator(context.Access, load);
        await _load.StartAsync(cancellationToken);
        _shedAtStart = context.Workload.Pipeline.Shed;
        var generator = _load;
        await context.InjectAsync(string.Create(CultureInfo.InvariantCulture,
            $"load started: {load.StartConnections} connections from {load.ClientAddresses} client addresses, ramping to {load.MaxConnections}"), null, expectedFailovers: 0,
            () =>
            {
                generator.SetConnections(load.StartConnections);
                return Task.CompletedTask;
            });
        _peakConnections = load.StartConnections;
        context.Info($"primary is {primary}; ramping load");

        var start = context.Clock.Now;
        var alarms = ExpectedAlarms(spec);
        var alarmDeadline = start + spec.RecoveryTargets.AlarmDetectSeconds + _options.AlarmGrace.TotalSeconds;
        var end = start + LoadDuration(spec).TotalSeconds;
        var nextStep = start + load.RampInterval.TotalSeconds;
        double? alarmAt = null;
        double? peakAt = null;
        var scaledOut = !NeedsScaleOut(spec);
        while (context.Clock.Now < end)
        {
            await context.DelayAsync(TimeSpan.FromMilliseconds(100), cancellationToken);
            var now = context.Clock.Now;
            var latest = context.Latest;
            // Without an alarm the ramp goes on past its ceiling (a starved primary may never reach the CPU threshold).
            var ceiling = alarmAt is null ? Math.Max(load.MaxConnections, _options.RampCeilingWithoutAlarm) : load.MaxConnections;
            if (now >= nextStep && _load.TargetConnections < ceiling && (alarmAt is null || !_options.StopRampAtAlarm))
            {
                _load.SetConnections(Math.Min(ceiling, _load.TargetConnections + load.RampStep));
                _peakConnections = Math.Max(_peakConnections, _load.TargetConnections);
                nextStep = now + load.RampInterval.TotalSeconds;
                context.Info($"load: {_load.TargetConnections} connections ({_load.Counters.Connections} open, {_load.Counters.Queries} queries)");
            }

            if (alarmAt is null && latest.Firing.FirstOrDefault(a => alarms.Contains(a.Name)) is { } firing)
            {
                alarmAt = now;
                context.Info(string.Create(CultureInfo.InvariantCulture, $"alarm {firing.Name} in ALARM after {now - start:0.0} s"));
            }

            if (!scaledOut && GroupRecovery.ScaleOut(latest, context.DesiredByGroup) > 0)
            {
                scaledOut = true;
                context.Info(string.Create(CultureInfo.InvariantCulture, $"replica group scaled out after {now - start:0.0} s"));
            }

            if (_load.TargetConnections >= load.MaxConnections)
            {
                peakAt ??= now;
            }

            // Held after the alarm, and, when the ramp goes on past the alarm, after the full load was reached too.
            var holdFrom = _options.StopRampAtAlarm ? alarmAt : peakAt is { } p && alarmAt is { } fired ? (double?)Math.Max(p, fired) : null;
            var alarmDone = holdFrom is { } a ? now - a >= _options.HoldAfterAlarm.TotalSeconds
                : (now >= alarmDeadline || alarms.Count == 0) && (_options.StopRampAtAlarm || peakAt is not null);
            var scaleDone = scaledOut || now >= start + ScaleOutWait(spec).TotalSeconds;
            if (alarmDone && scaleDone)
            {
                break;
            }
        }

        await StopLoadAsync(context);
    }

    /// <inheritdoc />
    public override Task RollbackAsync(ScenarioContext context, CancellationToken cancellationToken) =>
        context is null ? Task.CompletedTask : StopLoadAsync(context);

    /// <inheritdoc />
    public override string? SafetyStop(ScenarioContext context, ClusterObservation observation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(observation);
        var before = context.SteadyState.Primary?.Name;
        if (observation.Primary is { } now && before is not null && now.Name != before)
        {
            _failedOver ??= $"a failover happened under load ({before} -> {now.Name}): stopping the load";
        }

        return _failedOver;
    }

    /// <inheritdoc />
    public override void Measure(ScenarioContext context, TimelineSnapshot timeline, MeasurementSet measurements, ICollection<PhaseMark> phases)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(measurements);
        if (context.Fault is not { } fault)
        {
            return;
        }

        var alarms = ExpectedAlarms(context.Spec);
        var lifted = timeline.Phase(PhaseNames.FaultLifted)?.At ?? double.PositiveInfinity;

        // Overload must never eject a healthy primary: the write endpoint must route to it throughout the load.
        measurements.Set(MeasurementNames.WriteUnavailableSeconds, WriteEndpointOutage.Seconds(timeline, fault.InjectedAt, lifted),
            "under overload: seconds the write endpoint routed to no member while the load was on (0: the primary was never ejected)");
        AlarmDetection.Measure(timeline, fault.InjectedAt, alarms, measurements, phases,
            alarms.Count == 0 ? "the stack has no alarm on primary CPU, connections or load" : $"none of {string.Join(", ", alarms)} reached ALARM while the load was on");

        measurements.Observe("scaleOutMembers", GroupRecovery.ScaleOut(timeline, fault.InjectedAt, context.DesiredByGroup));
        var underLoad = timeline.SamplesBetween(fault.InjectedAt, lifted).Select(s => s.Observation).ToList();
        measurements.Observe("primaryCpuPeakPercent", underLoad.Select(o => o.Primary?.CpuPercent).Max());
        measurements.Observe("readerCpuPeakAveragePercent", underLoad
            .Select(o => o.Replicas().Select(m => m.CpuPercent).OfType<double>().DefaultIfEmpty(double.NaN).Average())
            .Where(v => !double.IsNaN(v)).DefaultIfEmpty(double.NaN).Max());
        measurements.Observe("writeLatencyP50MsUnderLoad", OperationStats.LatencyMs(timeline, OperationKind.Write, 50, fault.InjectedAt, lifted));
        measurements.Observe("writeLatencyP99MsUnderLoad", OperationStats.LatencyMs(timeline, OperationKind.Write, 99, fault.InjectedAt, lifted));
        if (_loadFigures is { } figures)
        {
            measurements.Observe("shedRequests", figures.Shed + figures.Rejected);
            measurements.Observe("pipelineShedRequests", figures.Shed);
            measurements.Observe("loadRejectedByServer", figures.Rejected);
            measurements.Observe("loadQueries", figures.Queries);
            measurements.Observe("loadConnectionsRelayed", figures.Relayed);
            measurements.Observe("loadClientAddresses", figures.Addresses);
            measurements.Observe("loadClientAddressesUsed", figures.AddressesUsed);
            measurements.Observe("loadPeakConnections", figures.Peak);
        }
    }

    private async Task StopLoadAsync(ScenarioContext context)
    {
        if (_load is null)
        {
            return;
        }

        var load = _load;
        _load = null;
        _loadFigures = (context.Workload.Pipeline.Shed - _shedAtStart, load.Counters.RejectedByServer, load.Counters.Queries, load.RelayedConnections,
            load.SourceAddresses.Count, load.SourceAddressesUsed, _peakConnections);
        await load.DisposeAsync();
        context.Mark(PhaseNames.FaultLifted, $"load stopped after {load.Counters.Queries} queries");
    }

    private TimeSpan LoadDuration(StackSpec spec)
    {
        var alarm = TimeSpan.FromSeconds(spec.RecoveryTargets.AlarmDetectSeconds) + _options.AlarmGrace + _options.HoldAfterAlarm;
        var scale = ScaleOutWait(spec);
        return alarm > scale ? alarm : scale;
    }

    private TimeSpan ScaleOutWait(StackSpec spec) => NeedsScaleOut(spec)
        ? TimeSpan.FromSeconds(spec.ReplicaGroups.Where(g => g.Autoscaling is not null).Max(g => g.Autoscaling!.SustainSeconds)) + _options.ScaleOutGrace
        : TimeSpan.Zero;

    private bool NeedsScaleOut(StackSpec spec) => _options.AwaitScaleOut && spec.ReplicaGroups.Any(g => g.Autoscaling is not null);

    private HashSet<string> ExpectedAlarms(StackSpec spec) =>
        spec.Alarms.Where(a => _options.AlarmMetrics.Contains(a.Metric) && a.Comparison == AlarmComparison.GreaterThan).Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
}
