using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Timeline;

namespace Resilience.ChaosSuite.Scenarios;

/// <summary>
/// Watches a scenario while its fault is in: every 100 ms it checks the hard deadline, that the platform is
/// still observed, and the scenario's own safety stop, and cancels <see cref="Token"/> with the reason when
/// one trips (the runner then rolls back). It also reports live counts.
/// </summary>
internal sealed class ScenarioWatchdog : IAsyncDisposable
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(100);
    private readonly CancellationTokenSource _stop;
    private readonly Task _loop;
    private string? _reason;

    private ScenarioWatchdog(CancellationTokenSource stop, Func<ScenarioWatchdog, Task> loop)
    {
        _stop = stop;
        _loop = Task.Run(() => loop(this), CancellationToken.None);
    }

    /// <summary>Cancelled when a safety stop trips or <c>interrupt</c> (Ctrl-C, SIGTERM) is cancelled.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>Why the watchdog stopped the scenario, or null.</summary>
    public string? StopReason => Volatile.Read(ref _reason);

    /// <summary>Starts watching <paramref name="scenario"/> in <paramref name="context"/>.</summary>
    public static ScenarioWatchdog Start(
        ChaosScenario scenario, ScenarioContext context, ScenarioRunnerOptions options, Action tick, CancellationToken interrupt)
    {
        var deadlineSeconds = scenario.HardDeadline(context.Spec).TotalSeconds;
        var deadline = context.Clock.Now + deadlineSeconds;
        var stop = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        return new ScenarioWatchdog(stop, async self =>
        {
            var lastReport = double.NegativeInfinity;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await context.DelayAsync(CheckInterval, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                var now = context.Clock.Now;
                var reason = Check(now, deadline, deadlineSeconds, context.Sampler.Latest, context.Sampler.LastError, options.UnobservableStop)
                    ?? (context.Sampler.Latest is { } latest ? scenario.SafetyStop(context, latest.Observation) : null);
                if (reason is not null)
                {
                    Volatile.Write(ref self._reason, reason);
                    await stop.CancelAsync();
                    return;
                }

                if (now - lastReport >= options.ProgressInterval.TotalSeconds)
                {
                    lastReport = now;
                    tick();
                }
            }
        });
    }

    /// <summary>The shared safety stops: past the hard deadline, or no observation for <paramref name="unobservable"/>; null when neither.</summary>
    public static string? Check(double now, double deadline, double deadlineSeconds, ObservationSample? latest, string? lastError, TimeSpan unobservable) =>
        now > deadline ? $"hard deadline of {deadlineSeconds:0} s passed"
        : latest is null || now - latest.At > unobservable.TotalSeconds
            ? $"the platform could not be observed for {unobservable.TotalSeconds:0} s ({lastError ?? "no answer"})"
            : null;

    /// <summary>Stops watching and waits for the loop.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
