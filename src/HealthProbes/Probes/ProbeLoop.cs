using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Resilience.HealthProbes.Gate;
using Resilience.HealthProbes.Internal;
using Resilience.HealthProbes.Routing;
using Resilience.HealthProbes.Warmup;
using Resilience.Topology.Time;

namespace Resilience.HealthProbes.Probes;

/// <summary>Observes the member every poll interval (database and Patroni in parallel, each within the probe timeout) and moves the gate.</summary>
internal sealed partial class ProbeLoop : BackgroundService
{
    private readonly MemberSampler _sampler;
    private readonly PatroniLeader? _patroni;
    private readonly WarmupGate _gate;
    private readonly MemberState _member;
    private readonly WarmupProgress _warmup;
    private readonly ProbeMetrics _metrics;
    private readonly HealthProbesOptions _options;
    private readonly MonotonicClock _clock;
    private readonly ILogger<ProbeLoop> _log;
    private readonly ReplayLagEstimator _lag = new();
    private readonly GateRouting? _routing;

    public ProbeLoop(
        MemberSampler sampler, PatroniLeader? patroni, WarmupGate gate, MemberState member, WarmupProgress warmup,
        ProbeMetrics metrics, HealthProbesOptions options, MonotonicClock clock, ILogger<ProbeLoop> log, GateRouting? routing = null)
    {
        _routing = routing;
        _sampler = sampler;
        _patroni = patroni;
        _gate = gate;
        _member = member;
        _warmup = warmup;
        _metrics = metrics;
        _options = options;
        _clock = clock;
        _log = log;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.PollInterval, _clock.TimeProvider);
        try
        {
            do
            {
                await ObserveOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    public async Task<MemberSnapshot> ObserveOnceAsync(CancellationToken stop)
    {
        var started = _clock.Now;
        var leaderTask = _patroni is null ? Task.FromResult<(LeaderView?, string?)>((null, null)) : _patroni.GetAsync(stop);
        var sampleTask = _sampler.SampleAsync(stop);
        await PushIfTurningStaleAsync(Task.WhenAll(sampleTask, leaderTask), stop).ConfigureAwait(false);
        var (sample, problem) = await sampleTask.ConfigureAwait(false);
        var (leader, leaderProblem) = await leaderTask.ConfigureAwait(false);
        var duration = _clock.Now - started;

        var lag = sample is null ? null : _lag.Estimate(sample, started);
        var (check, detail) = LeaderMatch.Check(_patroni is not null, sample, leader, leaderProblem, _options.PgHost, _options.PgPort);
        var warmup = _warmup.View;
        var role = sample is null ? MemberRole.Unknown : sample.InRecovery ? MemberRole.Replica : MemberRole.Primary;
        var input = new GateInput(sample is not null, sample is null ? problem : detail, role, sample?.Streaming ?? false, check, lag, warmup.Complete, warmup.Summary);
        var (before, after) = _gate.Observe(input);
        if (before.Open != after.Open)
        {
            LogGate(after.Open ? "open" : "closed", after.Reason);
        }

        if (before.Open && !after.Open && _routing is not null)
        {
            // Before the closed gate is published: by the time anyone can see it closed, HAProxy routes nothing to it.
            await _routing.GateClosedAsync(stop).ConfigureAwait(false);
        }

        _metrics.RecordObservation(duration, sample is not null);
        var snapshot = new MemberSnapshot(started, duration, sample, problem, leader, check, detail, lag, warmup, after);
        _member.Publish(snapshot);
        return snapshot;
    }

    /// <summary>
    /// <c>/health/ready</c> also answers closed when no observation completed within the probe timeout (a hung
    /// database, a starved host): that closing is not a transition of this loop, so while an open gate's observation
    /// runs long, HAProxy is told just before the answers turn stale (<see cref="HealthProbesConstants.StalePushMargin"/>).
    /// </summary>
    private async Task PushIfTurningStaleAsync(Task observation, CancellationToken stop)
    {
        if (_routing is null || _member.Latest is not { Gate.Open: true } last)
        {
            await observation.ConfigureAwait(false);
            return;
        }

        var wait = last.ObservedAt + last.Duration + _options.ProbeTimeout - HealthProbesConstants.StalePushMargin - _clock.Now;
        if (wait > TimeSpan.Zero)
        {
            using var watchdog = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var first = await Task.WhenAny(observation, Task.Delay(wait, _clock.TimeProvider, watchdog.Token)).ConfigureAwait(false);
            await watchdog.CancelAsync().ConfigureAwait(false);
            if (first == observation || stop.IsCancellationRequested)
            {
                await observation.ConfigureAwait(false);
                return;
            }
        }

        await _routing.GateClosedAsync(stop).ConfigureAwait(false);
        await observation.ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "gate {State}: {Reason}")]
    private partial void LogGate(string state, string reason);
}
