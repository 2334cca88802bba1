using Resilience.ChaosSuite.Scenarios;
using Resilience.ChaosSuite.Timeline;
using Resilience.ChaosSuite.Verdicts;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Tests.TestSupport;

/// <summary>
/// Runs one scenario through the real <see cref="ScenarioRunner"/> on a <see cref="FakePlatform"/>, a <see cref="FakeWorkload"/>
/// and a fake clock moved in 50 ms steps; a test scripts the platform between steps.
/// </summary>
internal sealed class ScenarioHarness
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);
    private readonly ChaosScenario _scenario;
    private readonly ScenarioRunnerOptions _options = new() { Seed = 1 };
    private readonly StackSpec _spec;

    public ScenarioHarness(ChaosScenario scenario, Action<ScenarioRunnerOptions>? configure = null, FakeWorkload? workload = null, StackSpec? spec = null)
    {
        _scenario = scenario;
        _spec = spec ?? Stacks.Local();
        Workload = workload ?? new FakeWorkload();
        configure?.Invoke(_options);
    }

    public FakeTimeProvider Time { get; } = FakeTimeSteps.NewClock();

    public FakePlatform Platform { get; } = new();

    public FakeWorkload Workload { get; }

    public RecordingProgress Progress { get; } = new();

    public CancellationTokenSource Interrupt { get; } = new();

    /// <summary>The run's timeline, once the runner built the workload (a test adds the operations a real workload would).</summary>
    public ScenarioTimeline? Timeline { get; private set; }

    /// <summary>The run's clock.</summary>
    public RunClock Clock => Timeline?.Clock ?? throw new InvalidOperationException("the runner has not started the workload yet");

    /// <summary>
    /// Runs the scenario; <paramref name="onceInjected"/> runs once a platform call starting with <paramref name="injectedCall"/> was made,
    /// <paramref name="everyStep"/> before every step of the clock.
    /// </summary>
    public async Task<ScenarioResult> RunAsync(Action<ScenarioHarness>? onceInjected = null, string injectedCall = "freeze", Action<ScenarioHarness>? everyStep = null)
    {
        var runner = new ScenarioRunner(_spec, Platform, new RunClock(Time), _options, Progress, request =>
        {
            Timeline = request.Timeline;
            return Workload;
        });
        var run = runner.RunAsync(_scenario, Interrupt.Token);
        var injected = false;

        // Bounded in steps, not in wall time: 12,000 steps are 600 fake seconds, far beyond every deadline here.
        for (var i = 0; i < 12000 && !run.IsCompleted; i++)
        {
            if (!injected && Platform.CallsSoFar().Any(c => c.StartsWith(injectedCall, StringComparison.Ordinal)))
            {
                injected = true;
                onceInjected?.Invoke(this);
            }

            everyStep?.Invoke(this);
            Time.Advance(Step);
            await Task.Delay(1);
        }

        Assert.True(run.IsCompleted, "the runner did not finish within 600 fake seconds");
        return await run;
    }
}
