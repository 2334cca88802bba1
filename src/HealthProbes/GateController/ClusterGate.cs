using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Resilience.HealthProbes.Gate;
using Resilience.HealthProbes.Internal;
using Resilience.Topology;
using Resilience.Topology.Time;

namespace Resilience.HealthProbes.GateController;

/// <summary>
/// The warm-up gate of one cluster's readers, run from outside the database machines: each tick it observes every
/// reader over SQL, warms the cold ones, applies <see cref="GateRules"/> (the same rules and policy keys as a local
/// member's HealthProbes), and makes the warm read endpoint route to the readers whose gate is open
/// (<see cref="MemberChoice"/>). The control plane is read at the pace the platform allows.
/// </summary>
internal sealed partial class ClusterGate : IAsyncDisposable
{
    private readonly IGatePlatform _platform;
    private readonly IReaderDatabase _database;
    private readonly Func<string, WarmupPolicy> _policyOf;
    private readonly GateControllerOptions _options;
    private readonly MonotonicClock _clock;
    private readonly ILogger _log;
    private readonly GateLedger _ledger;
    private readonly IReadOnlyDictionary<string, LedgerReader>? _restored;
    private readonly Dictionary<string, ReaderGate> _gates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _lastReason = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private PlatformView? _view;
    private TimeSpan _nextRead;
    private TimeSpan _readInterval;
    private string? _readProblem;
    private TimeSpan _nextPublish;
    private int? _published;
    private string? _savedLedger;
    private bool _disposed;
    private string? _setProblem;

    public ClusterGate(IGatePlatform platform, IReaderDatabase database, Func<string, WarmupPolicy> policyOf, GateControllerOptions options, MonotonicClock clock, ILogger log)
    {
        _platform = platform;
        _database = database;
        _policyOf = policyOf;
        _options = options;
        _clock = clock;
        _log = log;
        _readInterval = BaseReadInterval;
        _ledger = new GateLedger(options.StateDir, platform.Cluster);
        _restored = _ledger.Load();
    }

    public string Cluster => _platform.Cluster;

    /// <summary>The endpoint's members as last read or set; empty before the first read.</summary>
    public IReadOnlyList<string> Members => _view?.Members ?? [];

    /// <summary>Why the endpoint holds a reader whose gate is closed (no reader is warm), or null.</summary>
    public string? Alarm { get; private set; }

    /// <summary>The readers whose gate is open now.</summary>
    public int WarmCount => _gates.Values.Count(g => g.State.Open);

    /// <summary>What the last tick decided, safe to read from another thread (the status endpoint).</summary>
    public GateSnapshot Snapshot { get; private set; } = new([], null, []);

    private TimeSpan BaseReadInterval => _options.ControlPlaneInterval > _platform.MinimumReadInterval ? _options.ControlPlaneInterval : _platform.MinimumReadInterval;

    /// <summary>One tick: read the control plane when due, observe and judge every reader, set the members, publish the count.</summary>
    public async Task StepAsync(CancellationToken cancellationToken)
    {
        await ReadControlPlaneAsync(cancellationToken).ConfigureAwait(false);
        if (_view is not { } view)
        {
            return;
        }

        await ForgetGoneAsync(view).ConfigureAwait(false);
        var observations = await Task.WhenAll(view.Readers.Select(r => ObserveAsync(r, cancellationToken))).ConfigureAwait(false);
        var now = _clock.Now;
        var verdicts = view.Readers.Select((r, i) => Judge(r, observations[i], view, now)).ToList();
        var (members, fallback) = MemberChoice.Choose(verdicts, view.Members);
        await ApplyAsync(members, fallback, verdicts, view, cancellationToken).ConfigureAwait(false);
        await PublishAsync(verdicts.Count(v => v.Open), now, cancellationToken).ConfigureAwait(false);
        SaveLedger();
        Snapshot = new GateSnapshot(Members, Alarm, verdicts);
    }

    /// <summary>Completes when no warm-up is running (tests wait on it instead of on time).</summary>
    public Task WarmupsIdleAsync() =>
        Task.WhenAll(_gates.Values.Select(g => g.Warmup).OfType<Task>().Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stopping.CancelAsync().ConfigureAwait(false);
        var running = _gates.Values.Select(g => g.Warmup).OfType<Task>().ToList();
        foreach (var gate in _gates.Values)
        {
            gate.StopWarmup();
        }

        await Task.WhenAll(running.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task ReadControlPlaneAsync(CancellationToken cancellationToken)
    {
        var now = _clock.Now;
        if (now < _nextRead)
        {
            return;
        }

        try
        {
            _view = await _platform.ReadAsync(cancellationToken).ConfigureAwait(false);
            _readInterval = BaseReadInterval;
            if (_readProblem is not null)
            {
                LogReadRecovered(Cluster);
                _readProblem = null;
            }
        }
        catch (GatePlatformException e)
        {
            if (e.Throttled)
            {
                var doubled = _readInterval * 2;
                _readInterval = doubled < _options.MaxControlPlaneBackoff ? doubled : _options.MaxControlPlaneBackoff;
            }

            if (_readProblem != e.Message)
            {
                LogReadFailed(Cluster, e.Message, _readInterval.TotalSeconds);
                _readProblem = e.Message;
            }
        }

        _nextRead = _clock.Now + _readInterval;
    }

    private async Task ForgetGoneAsync(PlatformView view)
    {
        foreach (var id in _gates.Keys.Where(id => view.Readers.All(r => r.Id != id)).ToList())
        {
            _gates[id].StopWarmup();
            _gates.Remove(id);
            _lastReason.Remove(id);
            await _database.ForgetAsync(id).ConfigureAwait(false);
            LogReaderGone(Cluster, id);
        }
    }

    private Task<ReaderObservation> ObserveAsync(ReaderCandidate reader, CancellationToken cancellationToken) =>
        !reader.Available ? Task.FromResult(ReaderObservation.NoAnswer($"status {reader.Status}"))
        : reader.Host is null ? Task.FromResult(ReaderObservation.NoAnswer($"no address yet (status {reader.Status})"))
        : _database.ObserveAsync(reader, cancellationToken);

    private ReaderVerdict Judge(ReaderCandidate reader, ReaderObservation observation, PlatformView view, TimeSpan now)
    {
        var policy = _policyOf(reader.Group);
        var gate = GateFor(reader, view, now);
        Harvest(gate, reader);
        if (gate.Incarnation is { } known && reader.Incarnation is { } seen && known != seen)
        {
            LogReplaced(Cluster, reader.Id, known, seen);
            gate.Cold();
            gate.PostmasterStart = null;
        }

        gate.Incarnation = reader.Incarnation ?? gate.Incarnation;
        if (observation.PostmasterStart is { } start)
        {
            if (gate.PostmasterStart is { } before && before != start)
            {
                LogRestarted(Cluster, reader.Id, before, start);
                gate.Cold();
            }

            gate.PostmasterStart = start;
            if (gate.Adopted)
            {
                // First start without a ledger: a member the endpoint already routes to keeps serving while it is warmed again.
                gate.WarmedStart = start;
                gate.Adopted = false;
                gate.Rewarm = true;
            }
        }
        else if (gate.Adopted)
        {
            // Adopted but not answering (rebooting, say): there is no baseline to trust, so it is cold like any reader.
            gate.Adopted = false;
        }

        gate.Last = observation;
        if (observation is { Answered: true, InRecovery: true } && (!gate.WarmupComplete || gate.Rewarm) && !gate.WarmupRunning && now >= gate.RetryAt)
        {
            StartWarmup(gate, reader, policy);
        }

        var input = new GateInput(
            observation.Answered, observation.Problem,
            !observation.Answered ? MemberRole.Unknown : observation.InRecovery ? MemberRole.Replica : MemberRole.Primary,
            observation.Streaming, LeaderCheck.NotChecked, observation.LagSeconds, gate.WarmupComplete, WarmupSummary(gate));
        var before2 = gate.State;
        gate.State = GateRules.Next(before2, input, policy, now);
        Report(gate, before2);
        return new ReaderVerdict(reader.Id, gate.State.Open, observation is { Answered: true, InRecovery: true }, observation.LagSeconds, gate.State.Reason);
    }

    private ReaderGate GateFor(ReaderCandidate reader, PlatformView view, TimeSpan now)
    {
        if (_gates.TryGetValue(reader.Id, out var gate))
        {
            return gate;
        }

        gate = new ReaderGate(reader.Id, GateState.Initial(now));
        if (_restored?.GetValueOrDefault(reader.Id) is { } saved)
        {
            gate.Incarnation = saved.Incarnation;
            gate.PostmasterStart = saved.PostmasterStart;
            gate.WarmedStart = saved.WarmedStart;
            if (saved.Open && gate.WarmupComplete)
            {
                gate.State = new GateState(true, "open (from the ledger before a restart of the controller)", now, now, null);
            }
        }
        else if (view.Members.Contains(reader.Id))
        {
            // A member the ledger does not know (a new task's empty state volume, or one added just before a crash): the
            // endpoint was routing to it, so it is adopted as it is, its server start and incarnation its baseline. It
            // stays while it answers, does not lag and does not restart, and is warmed once more meanwhile.
            gate.Adopted = true;
            gate.State = new GateState(true, "open (a member when the controller started; adopted, warming again)", now, now, null);
        }

        _gates[reader.Id] = gate;
        return gate;
    }

    private void StartWarmup(ReaderGate gate, ReaderCandidate reader, WarmupPolicy policy)
    {
        gate.Rewarm = false;
        gate.WarmupProblem = null;
        var stop = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        var start = gate.PostmasterStart;
        var began = _clock.Now;
        gate.WarmupStop = stop;
        LogWarmupStarted(Cluster, reader.Id, start ?? "?");
        gate.Warmup = Task.Run(async () =>
        {
            try
            {
                var method = await _database.WarmUpAsync(reader, policy, m => LogWarmupPlanned(Cluster, reader.Id, m), stop.Token).ConfigureAwait(false);
                return new WarmupOutcome(start, null, (_clock.Now - began).TotalSeconds, method);
            }
            catch (Exception e)
            {
                return new WarmupOutcome(stop.IsCancellationRequested ? null : start, stop.IsCancellationRequested ? "stopped" : Errors.OneLine(e), (_clock.Now - began).TotalSeconds, null);
            }
        }, CancellationToken.None);
    }

    // A finished warm-up counts only for the server start it warmed: a restart meanwhile made it void.
    private void Harvest(ReaderGate gate, ReaderCandidate reader)
    {
        if (gate.Warmup is not Task<WarmupOutcome> { IsCompleted: true } done)
        {
            return;
        }

        gate.StopWarmup();
        if (!done.IsCompletedSuccessfully)
        {
            return;
        }

        var outcome = done.Result;
        if (outcome.Problem is { } problem)
        {
            gate.WarmupProblem = problem;
            gate.RetryAt = _clock.Now + _options.WarmupRetryDelay;
            LogWarmupFailed(Cluster, reader.Id, problem, _options.WarmupRetryDelay.TotalSeconds);
        }
        else if (outcome.Start is not null && outcome.Start == gate.PostmasterStart)
        {
            gate.WarmedStart = outcome.Start;
            LogWarmupCompleted(Cluster, reader.Id, outcome.Seconds, outcome.Method ?? "?");
        }
    }

    private static string WarmupSummary(ReaderGate gate) =>
        gate.WarmupComplete ? "warm"
        : gate.WarmupProblem is { } problem ? $"warm-up failed: {problem} (retrying)"
        : gate.WarmupRunning ? "warming up"
        : "cold: warm-up not started";

    private async Task ApplyAsync(IReadOnlyList<string> members, string? fallback, List<ReaderVerdict> verdicts, PlatformView view, CancellationToken cancellationToken)
    {
        // Logged when the alarm starts, ends or keeps another reader; the kept reader's reason (in parentheses) changes every tick.
        if (AlarmKind(fallback) != AlarmKind(Alarm))
        {
            if (fallback is null)
            {
                LogAlarmCleared(Cluster);
            }
            else
            {
                LogAlarm(Cluster, fallback);
            }
        }

        Alarm = fallback;

        if (members.Count == 0 || (view.Settled && members.ToHashSet(StringComparer.Ordinal).SetEquals(view.Members)))
        {
            return;
        }

        try
        {
            await _platform.SetMembersAsync(members, view, cancellationToken).ConfigureAwait(false);
            var added = members.Except(view.Members, StringComparer.Ordinal).ToList();
            var removed = view.Members.Except(members, StringComparer.Ordinal)
                .Select(id => $"{id} ({verdicts.FirstOrDefault(v => v.Id == id)?.Reason ?? "not a reader"})");
            LogMembersSet(Cluster, string.Join(", ", members), string.Join(", ", added), string.Join(", ", removed));
            _view = view with { Members = members, Settled = true };
        }
        catch (GatePlatformException e)
        {
            if (_setProblem != e.Message)
            {
                LogSetFailed(Cluster, e.Message);
                _setProblem = e.Message;
            }

            return;
        }

        _setProblem = null;
    }

    private async Task PublishAsync(int warm, TimeSpan now, CancellationToken cancellationToken)
    {
        if (_published == warm && now < _nextPublish)
        {
            return;
        }

        try
        {
            await _platform.PublishWarmCountAsync(warm, cancellationToken).ConfigureAwait(false);
            _published = warm;
            _nextPublish = now + _options.MetricInterval;
        }
        catch (GatePlatformException e)
        {
            // Once per minute at most (the metric interval): the alarm on the missing metric says the rest.
            LogPublishFailed(Cluster, e.Message);
            _nextPublish = now + _options.MetricInterval;
        }
    }

    private void Report(ReaderGate gate, GateState before)
    {
        if (gate.State.Open != before.Open)
        {
            if (gate.State.Open)
            {
                LogGateOpened(Cluster, gate.Id, gate.State.Reason);
            }
            else
            {
                LogGateClosed(Cluster, gate.Id, gate.State.Reason);
            }
        }

        // A closed gate's reason is logged once per kind (numbers aside), so a reader that never warms says why without flooding the log.
        var kind = gate.State.Open ? "open" : Kind(gate.State.Reason)!;
        if (!gate.State.Open && _lastReason.GetValueOrDefault(gate.Id) != kind && gate.State.Open == before.Open)
        {
            LogStillClosed(Cluster, gate.Id, gate.State.Reason);
        }

        _lastReason[gate.Id] = kind;
    }

    private void SaveLedger()
    {
        var signature = string.Join(";", _gates.Values.OrderBy(g => g.Id, StringComparer.Ordinal)
            .Select(g => $"{g.Id}|{g.Incarnation}|{g.PostmasterStart}|{g.WarmedStart}|{g.State.Open}"));
        if (signature == _savedLedger)
        {
            return;
        }

        try
        {
            _ledger.Save(_gates.Values);
            _savedLedger = signature;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogLedgerFailed(Cluster, _ledger.FilePath, e.Message);
        }
    }

    private static string? AlarmKind(string? alarm) => alarm?.Split(" (", 2)[0];

    private static string? Kind(string? reason) => reason is null ? null : Numbers().Replace(reason, "#");

    [GeneratedRegex("[0-9]+(\\.[0-9]+)?")]
    private static partial Regex Numbers();

    /// <summary>The members, the alarm and every reader's verdict after one tick.</summary>
    internal sealed record GateSnapshot(IReadOnlyList<string> Members, string? Alarm, IReadOnlyList<ReaderVerdict> Readers);

    private sealed record WarmupOutcome(string? Start, string? Problem, double Seconds, string? Method);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Cluster}: warm read endpoint members {Members} (added: {Added}; removed: {Removed})")]
    private partial void LogMembersSet(string cluster, string members, string added, string removed);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Cluster}: {Reader} gate open: {Reason}")]
    private partial void LogGateOpened(string cluster, string reader, string reason);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{Cluster}: {Reader} gate closed: {Reason}")]
    private partial void LogGateClosed(string cluster, string reader, string reason);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "{Cluster}: {Reader} gate closed: {Reason}")]
    private partial void LogStillClosed(string cluster, string reader, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "{Cluster}: {Reader} restarted (postmaster start {Before} -> {After}): cold again")]
    private partial void LogRestarted(string cluster, string reader, string before, string after);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "{Cluster}: {Reader} was replaced ({Before} -> {After}): cold again")]
    private partial void LogReplaced(string cluster, string reader, string before, string after);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "{Cluster}: {Reader} warm-up started (server start {Start})")]
    private partial void LogWarmupStarted(string cluster, string reader, string start);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "{Cluster}: {Reader} warm-up complete in {Seconds:0.0} s ({Method})")]
    private partial void LogWarmupCompleted(string cluster, string reader, double seconds, string method);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "{Cluster}: {Reader} warm-up failed: {Problem} (again in {Retry:0} s)")]
    private partial void LogWarmupFailed(string cluster, string reader, string problem, double retry);

    [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "{Cluster}: ALARM {Reason}")]
    private partial void LogAlarm(string cluster, string reason);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "{Cluster}: alarm cleared: a reader is warm")]
    private partial void LogAlarmCleared(string cluster);

    [LoggerMessage(EventId = 12, Level = LogLevel.Error, Message = "{Cluster}: {Problem} (next read in {Seconds:0} s)")]
    private partial void LogReadFailed(string cluster, string problem, double seconds);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "{Cluster}: the control plane answers again")]
    private partial void LogReadRecovered(string cluster);

    [LoggerMessage(EventId = 14, Level = LogLevel.Error, Message = "{Cluster}: could not set the members: {Problem} (tried again next tick)")]
    private partial void LogSetFailed(string cluster, string problem);

    [LoggerMessage(EventId = 15, Level = LogLevel.Warning, Message = "{Cluster}: could not publish the warm count: {Problem}")]
    private partial void LogPublishFailed(string cluster, string problem);

    [LoggerMessage(EventId = 16, Level = LogLevel.Information, Message = "{Cluster}: {Reader} left the cluster")]
    private partial void LogReaderGone(string cluster, string reader);

    [LoggerMessage(EventId = 18, Level = LogLevel.Information, Message = "{Cluster}: {Reader} warming by {Method}")]
    private partial void LogWarmupPlanned(string cluster, string reader, string method);

    [LoggerMessage(EventId = 17, Level = LogLevel.Error, Message = "{Cluster}: cannot write the ledger {Path}: {Problem}")]
    private partial void LogLedgerFailed(string cluster, string path, string problem);
}
