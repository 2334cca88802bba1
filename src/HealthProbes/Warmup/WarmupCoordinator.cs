using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Resilience.HealthProbes.Internal;
using Resilience.HealthProbes.Probes;
using Resilience.Topology.Time;
using Resilience.Topology;

namespace Resilience.HealthProbes.Warmup;

/// <summary>Runs the warm-up when the member runs as a replica on a data directory that was not warmed yet, and retries it after a failure.</summary>
internal sealed partial class WarmupCoordinator : BackgroundService
{
    private readonly WarmupPolicy _policy;
    private readonly PgConnections _pg;
    private readonly MemberState _member;
    private readonly WarmupProgress _progress;
    private readonly WarmupStateStore _store;
    private readonly WarmupPlanner _planner;
    private readonly WarmupRunner _runner;
    private readonly MonotonicClock _clock;
    private readonly HealthProbesOptions _options;
    private readonly ILogger<WarmupCoordinator> _log;

    public WarmupCoordinator(
        WarmupPolicy policy, PgConnections pg, MemberState member, WarmupProgress progress, WarmupStateStore store,
        MonotonicClock clock, HealthProbesOptions options, ILogger<WarmupCoordinator> log)
    {
        _policy = policy;
        _pg = pg;
        _member = member;
        _progress = progress;
        _store = store;
        _clock = clock;
        _options = options;
        _log = log;
        _planner = new WarmupPlanner(pg, options.DataDirectory);
        _runner = new WarmupRunner(pg, clock, progress);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var policyKey = WarmupStateStore.PolicyKey(_policy);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await StepAsync(policyKey, stoppingToken).ConfigureAwait(false);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                var reason = Errors.OneLine(e);
                // A completed warm-up stays complete while the database is briefly unreachable: the probes report that.
                if (!_progress.View.Complete)
                {
                    _progress.Fail(reason);
                }

                LogFailed(reason);
                try
                {
                    await DelayAsync(HealthProbesConstants.WarmupRetryDelay, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One decision: wait for the replica role, recheck a completed warm-up's identity, restore it, or run it.</summary>
    private async Task StepAsync(string policyKey, CancellationToken stop)
    {
        if (_member.Latest?.Sample is not { InRecovery: true })
        {
            await DelayAsync(_options.PollInterval, stop).ConfigureAwait(false);
            return;
        }

        var identity = await MemberIdentity.ReadAsync(_pg.Probe, stop).ConfigureAwait(false);
        var view = _progress.View;
        if (view.Complete && view.Identity == identity.Key)
        {
            await DelayAsync(HealthProbesConstants.IdentityRecheckInterval, stop).ConfigureAwait(false);
            return;
        }

        if (view.Identity is not null && view.Identity != identity.Key)
        {
            LogNewDataDirectory(identity.Key);
        }

        if (_store.LoadMatching(identity.Key, policyKey) is { } record)
        {
            _progress.Restore(record, identity.Key);
            LogRestored(record.CompletedAtUtc, identity.Key);
            return;
        }

        await RunAsync(identity, policyKey, stop).ConfigureAwait(false);
    }

    private async Task RunAsync(MemberIdentity identity, string policyKey, CancellationToken stop)
    {
        var started = _clock.Now;
        _progress.Planning(identity.Key, _clock.ToUtc(started));
        var plan = await _planner.PlanAsync(_policy, stop).ConfigureAwait(false);
        _progress.Start(plan);
        LogStarted(plan.Relations.Count, plan.Files.Count, Text.Bytes(plan.TotalBytes), identity.Key);
        var finished = await _runner.RunAsync(plan, _policy.IoRateMbPerSecond, () => _member.Latest?.Sample?.InRecovery != false, stop).ConfigureAwait(false);
        if (!finished)
        {
            _progress.Reset();
            LogStopped();
            return;
        }

        // The data directory may have been replaced while we read: then this run warmed the old one.
        var after = await MemberIdentity.ReadAsync(_pg.Probe, stop).ConfigureAwait(false);
        if (after.Key != identity.Key)
        {
            _progress.Reset();
            return;
        }

        var completed = _clock.Now;
        var seconds = (completed - started).TotalSeconds;
        _store.Save(new WarmupRecord(identity.Key, policyKey, _clock.ToUtc(completed), seconds, plan.TotalBytes));
        _progress.Complete(_clock.ToUtc(completed), seconds);
        LogCompleted(Text.Bytes(plan.TotalBytes), seconds, plan.TotalBytes / 1e6 / Math.Max(seconds, 1e-6));
    }

    private Task DelayAsync(TimeSpan delay, CancellationToken stop) => Task.Delay(delay, _clock.TimeProvider, stop);

    [LoggerMessage(Level = LogLevel.Information, Message = "warm-up started: {Relations} relations, {Files} files, {Size} for {Identity}")]
    private partial void LogStarted(int relations, int files, string size, string identity);

    [LoggerMessage(Level = LogLevel.Information, Message = "warm-up complete: {Size} in {Seconds:0.0} s ({MbPerSecond:0.0} MB/s)")]
    private partial void LogCompleted(string size, double seconds, double mbPerSecond);

    [LoggerMessage(Level = LogLevel.Information, Message = "warm-up already complete for this data directory (at {CompletedAt:O}): {Identity}")]
    private partial void LogRestored(DateTimeOffset completedAt, string identity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "a new data directory: the warm-up starts cold: {Identity}")]
    private partial void LogNewDataDirectory(string identity);

    [LoggerMessage(Level = LogLevel.Information, Message = "warm-up stopped: the member no longer runs as a replica")]
    private partial void LogStopped();

    [LoggerMessage(Level = LogLevel.Warning, Message = "warm-up failed, retrying: {Reason}")]
    private partial void LogFailed(string reason);
}
