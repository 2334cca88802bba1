using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Timeline;
using Resilience.ChaosSuite.Workload;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Scenarios;

/// <summary>What a running scenario may use: the platform, the sampler, the workload, the timeline.</summary>
internal sealed class ScenarioContext
{
    private readonly IRunProgress _progress;
    private readonly List<InjectedFault> _injected = [];

    /// <summary>Creates the context of one scenario run.</summary>
    public ScenarioContext(
        string scenario,
        StackSpec spec,
        IDatabasePlatform platform,
        DatabaseAccess access,
        ClusterSampler sampler,
        ScenarioTimeline timeline,
        IWorkload workload,
        ClusterObservation steadyState,
        Random random,
        IRunProgress progress)
    {
        Scenario = scenario;
        Spec = spec;
        Platform = platform;
        Access = access;
        Sampler = sampler;
        Timeline = timeline;
        Workload = workload;
        SteadyState = steadyState;
        Random = random;
        _progress = progress;
        StartedAt = timeline.Clock.Now;
    }

    /// <summary>Run seconds when the scenario passed its steady-state guard.</summary>
    public double StartedAt { get; }

    /// <summary>The scenario's name.</summary>
    public string Scenario { get; }

    /// <summary>The stack.</summary>
    public StackSpec Spec { get; }

    /// <summary>The platform under test.</summary>
    public IDatabasePlatform Platform { get; }

    /// <summary>Endpoints and credentials.</summary>
    public DatabaseAccess Access { get; }

    /// <summary>The platform's observations at 20 Hz.</summary>
    public ClusterSampler Sampler { get; }

    /// <summary>The scenario's timeline.</summary>
    public ScenarioTimeline Timeline { get; }

    /// <summary>The run's clock.</summary>
    public RunClock Clock => Timeline.Clock;

    /// <summary>The running workload.</summary>
    public IWorkload Workload { get; }

    /// <summary>The observation that passed the steady-state guard.</summary>
    public ClusterObservation SteadyState { get; }

    /// <summary>The seeded random source of every choice (the victim, load mix).</summary>
    public Random Random { get; }

    /// <summary>What was injected, once it was.</summary>
    public FaultRecord? Fault { get; private set; }

    /// <summary>Each group's desired count.</summary>
    public IReadOnlyDictionary<string, int> DesiredByGroup => Spec.ReplicaGroups.ToDictionary(g => g.Name, g => g.Size.Desired);

    /// <summary>The newest observation (the steady state before the first sample).</summary>
    public ClusterObservation Latest => Sampler.Latest?.Observation ?? SteadyState;

    /// <summary>Marks a phase on the timeline and reports it.</summary>
    public PhaseMark Mark(string phase, string? detail = null)
    {
        var mark = Timeline.Mark(phase, detail);
        _progress.Phase(Scenario, mark);
        return mark;
    }

    /// <summary>Reports a line.</summary>
    public void Info(string message) => _progress.Info(Scenario, message);

    /// <summary>
    /// Asks the platform to inject <paramref name="kind"/> into <paramref name="target"/> and records the fault:
    /// injected when the call started (measurements run from there), effective when it returned. The runner
    /// lifts whatever is still injected when the scenario ends, whatever happened.
    /// </summary>
    public async Task<FaultRecord> InjectAsync(string description, FaultKind kind, MemberObservation target, int expectedFailovers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var hit = target;
        return await RecordAsync(description, () => hit, expectedFailovers, async () =>
        {
            var injected = await Platform.InjectAsync(new FaultRequest(kind, target), cancellationToken);
            lock (_injected)
            {
                _injected.Add(injected);
            }

            // A platform may hit another member than asked (an FIS template that picks one of its targets at random):
            // the member measured is the one it reports.
            if (injected.Member != target.Name && (Latest.Find(injected.Member) ?? SteadyState.Find(injected.Member)) is { } other)
            {
                Info($"the platform hit {other.Name}, not {target.Name}; measuring {other.Name}");
                hit = other;
            }
        });
    }

    /// <summary>
    /// Asks the platform for several faults, each started <paramref name="gap"/> after the one before whatever its
    /// call takes to return (a double fault: machines that fail together), and records them as one fault on
    /// <paramref name="target"/>, injected when the first started. The runner lifts whatever is still injected.
    /// </summary>
    public async Task<FaultRecord> InjectTogetherAsync(string description, IReadOnlyList<FaultRequest> faults, TimeSpan gap, MemberObservation target, int expectedFailovers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(faults);
        ArgumentNullException.ThrowIfNull(target);
        return await RecordAsync(description, () => target, expectedFailovers, async () =>
        {
            var calls = new List<Task>();
            foreach (var fault in faults)
            {
                if (calls.Count > 0)
                {
                    await DelayAsync(gap, cancellationToken);
                }

                calls.Add(Task.Run(async () =>
                {
                    var injected = await Platform.InjectAsync(fault, cancellationToken);
                    lock (_injected)
                    {
                        _injected.Add(injected);
                    }
                }, cancellationToken));
            }

            await Task.WhenAll(calls);
        });
    }

    /// <summary>
    /// Asks the platform for a step of a runbook that answers the fault rather than being one (a planned switchover,
    /// retiring a member so its group replaces it): marks <paramref name="phase"/> when the call started and leaves
    /// <see cref="Fault"/> alone, so the measurements still run from the fault. Nothing is left to lift.
    /// </summary>
    /// <returns>Run seconds when the call started, and what the platform did.</returns>
    public async Task<(double RequestedAt, InjectedFault Done)> RequestAsync(string phase, string description, FaultKind kind, MemberObservation target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var mark = new PhaseMark(phase, Clock.Now, description);
        Timeline.Add(mark);
        _progress.Phase(Scenario, mark);
        var done = await Platform.InjectAsync(new FaultRequest(kind, target), cancellationToken);
        return (mark.At, done);
    }

    /// <summary>Runs <paramref name="inject"/>, a fault of the client side (load, app faults: no platform call), and records it.</summary>
    public Task<FaultRecord> InjectAsync(string description, MemberObservation? target, int expectedFailovers, Func<Task> inject)
    {
        ArgumentNullException.ThrowIfNull(inject);
        return RecordAsync(description, () => target, expectedFailovers, inject);
    }

    /// <summary>Takes back every fault injected through the platform and not lifted yet; marks each.</summary>
    public async Task LiftAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            InjectedFault fault;
            lock (_injected)
            {
                if (_injected.Count == 0)
                {
                    return;
                }

                fault = _injected[^1];
            }

            await Platform.LiftAsync(fault, cancellationToken);
            lock (_injected)
            {
                _injected.Remove(fault);
            }

            if (fault.Kind is not (FaultKind.MachineLoss or FaultKind.Reboot or FaultKind.ClusterLoss))
            {
                Mark(PhaseNames.FaultLifted, $"{FaultNames.Of(fault.Kind)} of {fault.Member} lifted");
            }
        }
    }

    /// <summary>True while a fault injected through the platform has not been lifted.</summary>
    public bool HasInjectedFaults
    {
        get
        {
            lock (_injected)
            {
                return _injected.Count > 0;
            }
        }
    }

    // targetOf is read after the injection: the member the platform reports it hit (the description then names it).
    private async Task<FaultRecord> RecordAsync(string description, Func<MemberObservation?> targetOf, int expectedFailovers, Func<Task> inject)
    {
        var requested = targetOf();
        var before = Latest.Members.Select(m => m.IncarnationKey).Concat(SteadyState.Members.Select(m => m.IncarnationKey)).ToHashSet();
        var startedAt = Clock.Now;
        await inject();
        var target = targetOf();
        if (target is not null && requested is not null && target.Name != requested.Name)
        {
            description = description.Replace(requested.Name, target.Name, StringComparison.Ordinal);
        }

        var mark = new PhaseMark(PhaseNames.FaultInjected, startedAt, description);
        Timeline.Add(mark);
        _progress.Phase(Scenario, mark);
        Fault = new FaultRecord(description, startedAt, target?.Name, target?.ServerIdentity, target?.Role == MemberRole.Primary, before, expectedFailovers, Clock.Now, target?.IncarnationKey);
        return Fault;
    }

    /// <summary>Waits for an observation after the fault (or now) that satisfies <paramref name="condition"/>; null on timeout.</summary>
    public Task<ObservationSample?> WaitForAsync(Func<ClusterObservation, bool> condition, TimeSpan timeout, CancellationToken cancellationToken) =>
        Sampler.WaitForAsync(condition, Fault?.InjectedAt ?? Clock.Now, timeout, cancellationToken);

    /// <summary>Waits on the run's clock.</summary>
    public Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        Task.Delay(delay, Clock.TimeProvider, cancellationToken);
}
