using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Platform.Aws;
using Resilience.ChaosSuite.Platform.Kubernetes;
using Resilience.ChaosSuite.Platform.Local;
using Resilience.ChaosSuite.Scenarios;
using Resilience.ChaosSuite.Scenarios.PrimaryDegradedHost;
using Resilience.ChaosSuite.Tests.TestSupport;
using Resilience.ChaosSuite.Timeline;
using Resilience.ChaosSuite.Verdicts;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Tests.Scenarios;

/// <summary>
/// The sick-host runbook on a scripted fake platform through the real runner: starvation, alarm, planned switchover,
/// retirement of the sick member, its replacement; and what it refuses, stops on and always lifts.
/// </summary>
public class PrimaryDegradedHostTests
{
    private static readonly ClusterObservation Steady = Cluster.Of(Cluster.Primary("dh-1", null), Cluster.Replica("dh-2"), Cluster.Replica("dh-3"));

    [Fact]
    public void Every_default_is_pinned()
    {
        var options = new PrimaryDegradedHostOptions();

        Assert.Equal([AlarmMetric.CommitLatencyMs], options.AlarmMetrics);
        Assert.Equal(TimeSpan.FromSeconds(15), options.AlarmGrace);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RecoveryGrace);
        Assert.Equal(TimeSpan.FromSeconds(60), options.HardDeadlineMargin);
        Assert.Equal(4, options.NoPrimaryStopFactor);
    }

    [Fact]
    public void The_plan_names_the_primary_the_standby_the_alarm_and_the_targets()
    {
        var plan = new PrimaryDegradedHostScenario().Plan(Stacks.Local().ForScenario("primary-degraded-host"), Steady); // as the runner hands it: its own targets

        Assert.Contains("(now: dh-1)", plan[0], StringComparison.Ordinal);
        Assert.Contains("commit-latency-high", plan[1], StringComparison.Ordinal);
        Assert.Contains("planned switchover to the least lagged warm standby (now: dh-2) (switchoverWriteUnavailableSeconds <= 7.00 s", plan[2], StringComparison.Ordinal);
        Assert.Contains("replacementSeconds <= 60.00 s, from the start of the starvation", plan[3], StringComparison.Ordinal);
    }

    [Fact]
    public void The_standby_chosen_is_the_least_lagged_warm_routed_one()
    {
        var observation = Cluster.Of(Cluster.Primary("dh-1", null), Cluster.Replica("dh-2") with { LagSeconds = 0.4 }, Cluster.Replica("dh-3") with { LagSeconds = 0.1 },
            Cluster.Replica("dh-4", gateOpen: false) with { LagSeconds = 0 });

        Assert.Equal("dh-3", PrimaryDegradedHostScenario.SwitchoverCandidate(observation, "dh-1")!.Name);
        Assert.Equal("no warm replica to switch over to",
            new PrimaryDegradedHostScenario().Precondition(Stacks.Local(), Cluster.Of(Cluster.Primary("dh-1", null), Cluster.Replica("dh-2", routed: false))));
        Assert.Null(new PrimaryDegradedHostScenario().Precondition(Stacks.Local(), Steady));
    }

    [Fact]
    public void A_stack_without_a_commit_latency_alarm_is_refused_in_one_line_naming_the_key()
    {
        var local = Stacks.Local();
        var spec = local with { Alarms = [.. local.Alarms.Where(a => a.Metric != AlarmMetric.CommitLatencyMs)] };

        var refusal = ScenarioHosting.Refusal(new PrimaryDegradedHostScenario(), "local", LocalPlatformConstants.Capabilities, spec);

        Assert.Equal("scenario primary-degraded-host needs a greater-than alarm on commitLatencyMs in resilience:alarms to detect the sick host; "
            + "add it (docs/configuration.md) or remove primary-degraded-host from resilience:gameday.scenarios in Pulumi.local.yaml", refusal);
        Assert.Null(ScenarioHosting.Refusal(new PrimaryDegradedHostScenario(), "local", LocalPlatformConstants.Capabilities, local));
    }

    [Fact]
    public void Aws_and_kubernetes_refuse_it_in_preflight_because_they_cannot_starve_a_host()
    {
        var scenario = new PrimaryDegradedHostScenario();

        var aws = ScenarioHosting.Refusal(scenario, "aws", AwsPlatformConstants.Capabilities, StackSpecLoader.LoadStack(Stacks.RepoRoot, "staging"));
        var kubernetes = ScenarioHosting.Refusal(scenario, "kubernetes", KubernetesPlatformConstants.Capabilities, StackSpecLoader.LoadStack(Stacks.RepoRoot, "k8s-staging"));

        Assert.StartsWith("scenario primary-degraded-host needs the fault cpu-starvation", aws, StringComparison.Ordinal);
        Assert.EndsWith("which platform aws (stack staging) cannot inject; remove primary-degraded-host from resilience:gameday.scenarios in Pulumi.staging.yaml", aws, StringComparison.Ordinal);
        Assert.StartsWith("scenario primary-degraded-host needs the fault cpu-starvation", kubernetes, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', aws + kubernetes);
    }

    [Fact]
    public async Task The_runbook_runs_in_order_and_measures_detection_switchover_and_replacement()
    {
        var script = new SickHostScript();
        var run = new ScenarioHarness(new PrimaryDegradedHostScenario());
        run.Platform.Current = Steady;

        var result = await run.RunAsync(everyStep: script.Step);

        Assert.True(result.Outcome == ScenarioOutcome.Passed, $"{result.Outcome}: {result.AbortReason} {string.Join("; ", result.Targets.Where(t => !t.Met).Select(t => $"{t.Name} {t.Measured} {t.Note}"))}");
        Assert.Equal(["resolve", "cpu-starvation dh-1", "switchover dh-2", "machine-loss dh-1", "lift cpu-starvation dh-1", "restore"], run.Platform.CallsSoFar());
        var m = result.Measurements;
        // Lower bounds exact, upper bounds loose: on a busy machine the runner's threads may lag the fake clock by a few steps.
        Assert.InRange(m.Get(MeasurementNames.AlarmDetectSeconds)!.Value, SickHostScript.AlarmAfter - 0.06, SickHostScript.AlarmAfter + 1);
        Assert.InRange(m.Get(MeasurementNames.SwitchoverWriteUnavailableSeconds)!.Value, SickHostScript.FirstWriteAfter - 0.06, SickHostScript.FirstWriteAfter + 1);
        Assert.Equal(0, m.Get(MeasurementNames.FalseFailovers));
        Assert.Equal(1, m.Observations["promotions"]);
        var replacement = m.Get(MeasurementNames.ReplacementSeconds)!.Value;
        Assert.InRange(m.Observations["replacementAfterRetirementSeconds"], SickHostScript.WarmAfter - 0.06, SickHostScript.WarmAfter + 1);
        Assert.True(replacement > SickHostScript.AlarmAfter + SickHostScript.WarmAfter, $"replacementSeconds {replacement} runs from the starvation, not from the retirement");
        Assert.Equal("host of primary dh-1 degraded (fake cpu-starvation)", result.Fault!.Description);
        var order = new[] { PhaseNames.FaultInjected, PhaseNames.AlarmDetected, PhaseNames.SwitchoverRequested, PhaseNames.SwitchoverWritesAvailable, PhaseNames.ReplacementRequested, PhaseNames.Recovered, PhaseNames.FaultLifted };
        // In this order in time (phases of one fake instant may be listed either way round).
        var times = order.Select(name => result.Phases.FirstOrDefault(p => p.Name == name)?.At).ToList();
        Assert.All(times, t => Assert.NotNull(t));
        Assert.True(times.Zip(times.Skip(1)).All(pair => pair.First <= pair.Second), string.Join("; ", result.Phases.Select(p => $"{p.At:0.000} {p.Name}")));
    }

    [Fact]
    public async Task With_every_standby_behind_the_starved_primary_it_waits_for_one_to_be_warm_again_and_asks_again_when_refused()
    {
        var script = new SickHostScript { GatesClosedAfterAlarm = 1.5, RefuseFirstSwitchover = true };
        var run = new ScenarioHarness(new PrimaryDegradedHostScenario());
        run.Platform.Current = Steady;

        var result = await run.RunAsync(everyStep: script.Step);

        Assert.True(result.Outcome == ScenarioOutcome.Passed, $"{result.Outcome}: {result.AbortReason}");
        Assert.Equal(["resolve", "cpu-starvation dh-1", "switchover dh-2", "switchover dh-2", "machine-loss dh-1", "lift cpu-starvation dh-1", "restore"], run.Platform.CallsSoFar());
        Assert.Contains(run.Progress.Lines, l => l.Contains("the platform refused the switchover (dh-2 is behind); asking again", StringComparison.Ordinal));
        var detected = result.Phases.First(p => p.Name == PhaseNames.AlarmDetected).At;
        var firstRequest = result.Phases.First(p => p.Name == PhaseNames.SwitchoverRequested).At;
        Assert.InRange(firstRequest - detected, 1.4, 2.5);
        // From the first request: the refused one counts against the runbook.
        Assert.True(result.Measurements.Get(MeasurementNames.SwitchoverWriteUnavailableSeconds) >= SickHostScript.FirstWriteAfter, "measured from the refused request");
    }

    [Fact]
    public async Task An_unplanned_failover_under_the_degradation_stops_the_scenario_lifts_the_starvation_and_counts_as_false()
    {
        var run = new ScenarioHarness(new PrimaryDegradedHostScenario());
        run.Platform.Current = Steady;

        var result = await run.RunAsync(injectedCall: "cpu-starvation",
            onceInjected: h => h.Platform.Current = Cluster.Of(Cluster.Replica("dh-1", group: "primary"), Cluster.Primary("dh-2", "readers"), Cluster.Replica("dh-3")));

        Assert.Equal(ScenarioOutcome.Aborted, result.Outcome);
        Assert.Equal("safety stop: an unplanned failover under the degradation (dh-1 -> dh-2): a slow primary was taken for a dead one", result.AbortReason);
        Assert.Equal(["resolve", "cpu-starvation dh-1", "lift cpu-starvation dh-1", "restore"], run.Platform.CallsSoFar());
        Assert.Equal(1, result.Measurements.Get(MeasurementNames.FalseFailovers));
    }

    [Fact]
    public async Task Ctrl_C_under_the_degradation_lifts_the_starvation()
    {
        var run = new ScenarioHarness(new PrimaryDegradedHostScenario());
        run.Platform.Current = Steady;

        var result = await run.RunAsync(injectedCall: "cpu-starvation", onceInjected: h => h.Interrupt.Cancel());

        Assert.Equal("safety stop: interrupted (Ctrl-C, SIGTERM or SIGHUP)", result.AbortReason);
        Assert.Equal(["resolve", "cpu-starvation dh-1", "lift cpu-starvation dh-1", "restore"], run.Platform.CallsSoFar());
    }

    /// <summary>
    /// What a real stack does, scripted on the fake platform: the commit-latency alarm fires <see cref="AlarmAfter"/> s into
    /// the starvation, the new primary acknowledges a write <see cref="FirstWriteAfter"/> s after the switchover request, and
    /// the replacement is warm <see cref="WarmAfter"/> s after the sick member was retired.
    /// </summary>
    private sealed class SickHostScript
    {
        public const double AlarmAfter = 12;
        public const double FirstWriteAfter = 0.8;
        public const double WarmAfter = 9;

        /// <summary>Gets how long every standby's gate stays closed once the alarm fired (they fell behind the starved primary).</summary>
        public double GatesClosedAfterAlarm { get; init; }

        /// <summary>Gets whether the platform refuses the first switchover request.</summary>
        public bool RefuseFirstSwitchover { get; init; }

        private double? _starvedAt;
        private double? _switchoverAt;
        private double? _retiredAt;
        private bool _wrote;

        public void Step(ScenarioHarness h)
        {
            var calls = h.Platform.CallsSoFar();
            if (h.Timeline is null)
            {
                return;
            }

            var now = h.Clock.Now;
            _starvedAt ??= calls.Contains("cpu-starvation dh-1") ? now : null;
            if (RefuseFirstSwitchover)
            {
                h.Platform.InjectFailure = _starvedAt is not null && !calls.Contains("switchover dh-2") ? new PlatformException("dh-2 is behind") : null;
            }

            _switchoverAt ??= calls.Count(c => c == "switchover dh-2") >= (RefuseFirstSwitchover ? 2 : 1) ? now : null;
            _retiredAt ??= calls.Contains("machine-loss dh-1") ? now : null;
            var alarm = ("commit-latency-high", AlarmState.Alarm);
            if (_retiredAt is { } retired)
            {
                h.Platform.Current = now - retired < WarmAfter
                    ? Cluster.Of(Cluster.Primary("dh-2", "readers"), Cluster.Replica("dh-3"), Cluster.Replica("dh-4", group: "primary", gateOpen: false, routed: false))
                    : Cluster.Of(Cluster.Primary("dh-2", "readers"), Cluster.Replica("dh-3"), Cluster.Replica("dh-4", group: "primary"));
            }
            else if (_switchoverAt is { } switched)
            {
                h.Platform.Current = Cluster.Of(Cluster.Replica("dh-1", group: "primary"), Cluster.Primary("dh-2", "readers"), Cluster.Replica("dh-3")).WithAlarms(alarm);
                if (!_wrote && now - switched >= FirstWriteAfter)
                {
                    _wrote = true;
                    h.Timeline.Add(new OperationRecord(OperationKind.Write, switched + 0.1, now, true, Cluster.PortOf("dh-2"), 1_000_000, false, null));
                }
            }
            else if (_starvedAt is { } starved && now - starved >= AlarmAfter)
            {
                h.Platform.Current = now - starved < AlarmAfter + GatesClosedAfterAlarm
                    ? Cluster.Of(Cluster.Primary("dh-1", null), Cluster.Replica("dh-2", gateOpen: false, routed: false), Cluster.Replica("dh-3", gateOpen: false, routed: false)).WithAlarms(alarm)
                    : Steady.WithAlarms(alarm);
            }
        }
    }
}
