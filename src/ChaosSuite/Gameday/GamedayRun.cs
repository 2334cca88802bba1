using System.Globalization;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Scenarios;
using Resilience.ChaosSuite.Timeline;
using Resilience.ChaosSuite.Verdicts;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Gameday;

/// <summary>
/// A stack's game-day: its scenarios one after the other, each starting from steady state. A platform
/// the suite manages (local) is started when it is not running and stopped at the end unless kept.
/// </summary>
internal sealed class GamedayRun
{
    private readonly StackSpec _spec;
    private readonly IDatabasePlatform _platform;
    private readonly GamedayOptions _options;
    private readonly IRunProgress _progress;
    private readonly RunClock _clock;

    /// <summary>Creates the game-day of <paramref name="spec"/> on <paramref name="platform"/>.</summary>
    public GamedayRun(StackSpec spec, IDatabasePlatform platform, RunClock clock, GamedayOptions options, IRunProgress progress)
    {
        _spec = spec ?? throw new ArgumentNullException(nameof(spec));
        _platform = platform ?? throw new ArgumentNullException(nameof(platform));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _progress = progress ?? throw new ArgumentNullException(nameof(progress));
    }

    /// <summary>Runs every scenario of <paramref name="scenarios"/> (the stack's game-day when null).</summary>
    public async Task<RunResult> RunAsync(IReadOnlyList<string>? scenarios, CancellationToken cancellationToken)
    {
        var names = scenarios ?? _spec.Gameday.Scenarios;
        var results = new List<ScenarioResult>();
        var started = false;
        try
        {
            started = await EnsureStartedAsync(cancellationToken);
            var runner = new ScenarioRunner(_spec, _platform, _clock, _options.Runner, _progress);
            for (var i = 0; i < names.Count; i++)
            {
                var scenario = ScenarioCatalog.Create(names[i]) ?? throw new ArgumentException($"unknown scenario '{names[i]}'", nameof(scenarios));
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                _progress.ScenarioStarted(scenario.Name, i + 1, names.Count);

                await SettleAsync(scenario.Name, cancellationToken);
                results.Add(await runner.RunAsync(scenario, cancellationToken));
            }
        }
        catch (PlatformException e)
        {
            results.Add(Aborted(e.Message));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            results.Add(Aborted($"{ScenarioRunnerConstants.Interrupted} between scenarios"));
        }
        finally
        {
            if (started && !_options.KeepPlatform && _platform is IManagedPlatform managed)
            {
                _progress.Info("gameday", "stopping the platform the game-day started");
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2), _clock.TimeProvider);
                try
                {
                    await managed.StopAsync(timeout.Token);
                }
                catch (Exception e) when (e is PlatformException or OperationCanceledException)
                {
                    _progress.Info("gameday", $"could not stop the platform: {e.Message}");
                }
            }
        }

        return new RunResult(_spec.StackName, _platform.Kind, "gameday", _options.Runner.Seed, _clock, _clock.Now, results);
    }

    private ScenarioResult Aborted(string reason) =>
        new("gameday", "the game-day itself", ScenarioOutcome.Aborted, reason, _clock.Now, _clock.Now, null, [],
            new Measurement.MeasurementSet(), [], new ScenarioTimeline(_clock).Snapshot(), []);

    private async Task<bool> EnsureStartedAsync(CancellationToken cancellationToken)
    {
        if (_platform is not IManagedPlatform managed || await managed.IsRunningAsync(cancellationToken))
        {
            return false;
        }

        _progress.Info("gameday", $"starting the {_platform.Kind} platform of stack {_spec.StackName}");
        await managed.StartAsync(new Progress<string>(line => _progress.Info("gameday", line)), cancellationToken);
        return true;
    }

    /// <summary>Waits until every group is back at its desired count with no alarm firing (the previous scenario's aftermath).</summary>
    private async Task SettleAsync(string scenario, CancellationToken cancellationToken)
    {
        var start = _clock.Now;
        var reported = false;
        var budget = _options.SettleTimeout ?? _platform.Capabilities.SettleBudget;
        while (_clock.Now - start < budget.TotalSeconds)
        {
            try
            {
                var observation = await _platform.ObserveAsync(cancellationToken);
                if (SteadyStateGuard.IsSettled(_spec, observation))
                {
                    if (reported)
                    {
                        _progress.Info(scenario, string.Create(CultureInfo.InvariantCulture, $"steady after {_clock.Now - start:0} s"));
                    }

                    return;
                }

                if (!reported)
                {
                    _progress.Info(scenario, $"waiting for steady state ({SteadyStateGuard.Refusal(_spec, observation) ?? "groups not yet at desired count"})");
                    reported = true;
                }
            }
            catch (PlatformException)
            {
            }

            await Task.Delay(GamedayConstants.SettlePoll, _clock.TimeProvider, cancellationToken);
        }
    }
}
