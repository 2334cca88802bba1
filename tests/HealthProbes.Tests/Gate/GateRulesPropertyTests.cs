using CsCheck;
using Resilience.HealthProbes.Gate;
using Resilience.Topology;

namespace Resilience.HealthProbes.Tests.Gate;

/// <summary>
/// The gate's rules over random histories: a random policy and a random sequence of observations at increasing
/// times, run through <see cref="GateRules.Next"/> from the initial state. The invariants are stated from the
/// observations alone (the streak of healthy samples, the run of lag over the bound), not from the gate's own state.
/// </summary>
public sealed class GateRulesPropertyTests
{
    private enum Kind { Healthy, NoAnswer, Primary, RoleUnknown, NotStreaming, LeaderMismatch, LeaderUnknown, Warming }

    private sealed record Step(TimeSpan After, Kind Kind, double? Lag);

    private static readonly Gen<WarmupPolicy> Policies =
        Gen.Select(Gen.Int[1, 4], Gen.Int[0, 6], Gen.Int[0, 6], (maxLag, minWarm, grace) =>
            new WarmupPolicy(null, ["app"], false, MaxReplayLagSeconds: maxLag, MinWarmSeconds: minWarm, LagGraceSeconds: grace, IoRateMbPerSecond: 0));

    // Mostly healthy, so the gate gets to open and the lag rules are reached; 250 ms steps like the probe loop.
    private static readonly Gen<Step> Steps =
        Gen.Select(
            Gen.Int[0, 8].Select(quarters => TimeSpan.FromMilliseconds(250 * quarters)),
            Gen.Frequency((12, Gen.Const(Kind.Healthy)), (1, Gen.Enum<Kind>())),
            Gen.Frequency((8, Gen.Double[0, 6].Select(d => (double?)Math.Round(d, 2))), (1, Gen.Const((double?)null))),
            (after, kind, lag) => new Step(after, kind, lag));

    private static readonly Gen<(WarmupPolicy, Step[])> Histories = Gen.Select(Policies, Steps.Array[1, 80]);

    private static GateInput Input(Step s)
    {
        var healthy = new GateInput(true, null, MemberRole.Replica, true, LeaderCheck.NotChecked, s.Lag, true, "warm");
        return s.Kind switch
        {
            Kind.NoAnswer => healthy with { Answered = false, Problem = "no answer within 1000 ms" },
            Kind.Primary => healthy with { Role = MemberRole.Primary },
            Kind.RoleUnknown => healthy with { Role = MemberRole.Unknown },
            Kind.NotStreaming => healthy with { Streaming = false },
            Kind.LeaderMismatch => healthy with { Leader = LeaderCheck.Mismatch, Problem = "streaming from a, leader b" },
            Kind.LeaderUnknown => healthy with { Leader = LeaderCheck.Unknown, Problem = "patroni did not answer" },
            Kind.Warming => healthy with { WarmupComplete = false, WarmupSummary = "warming: 10% of 1.0 MB" },
            _ => healthy,
        };
    }

    [Fact]
    public void Blockers_close_at_once_opening_waits_for_min_warm_and_lag_closes_only_after_the_grace()
    {
        Histories.Sample((policy, steps) =>
        {
            var minWarm = TimeSpan.FromSeconds(policy.MinWarmSeconds);
            var grace = TimeSpan.FromSeconds(policy.LagGraceSeconds);
            var now = TimeSpan.FromSeconds(10);
            var state = GateState.Initial(now);
            TimeSpan? healthyStreakSince = null; // first of the consecutive observations with every condition met
            TimeSpan? lagRunSince = null;        // first of the consecutive over-bound observations while the gate stayed open

            foreach (var step in steps)
            {
                now += step.After;
                var blocked = step.Kind != Kind.Healthy;
                var overBound = !blocked && (step.Lag is not { } lag || lag > policy.MaxReplayLagSeconds);
                var fine = !blocked && !overBound;
                healthyStreakSince = fine ? healthyStreakSince ?? now : null;
                lagRunSince = overBound && state.Open ? lagRunSince ?? now : null;

                var next = GateRules.Next(state, Input(step), policy, now);

                Assert.False(string.IsNullOrWhiteSpace(next.Reason));
                Assert.DoesNotContain('\n', next.Reason);
                if (blocked)
                {
                    Assert.False(next.Open, $"a blocker ({step.Kind}) left the gate open at {now}");
                }

                if (!state.Open && next.Open)
                {
                    Assert.True(healthyStreakSince is { } since && now - since >= minWarm,
                        $"opened at {now} after a healthy streak since {healthyStreakSince}, minimum {minWarm}");
                }

                if (!state.Open && overBound)
                {
                    Assert.False(next.Open, "a closed gate opened on a lag over the bound");
                }

                if (state.Open && overBound)
                {
                    // Hysteresis: stays open within the grace, closes once the run of over-bound samples lasted it.
                    Assert.Equal(now - lagRunSince!.Value < grace, next.Open);
                }

                if (fine)
                {
                    // Liveness: healthy and warm for the minimum (or already open) means open.
                    Assert.Equal(state.Open || now - healthyStreakSince!.Value >= minWarm, next.Open);
                }

                Assert.Equal(state.Open != next.Open ? now : state.ChangedAt, next.ChangedAt);
                state = next;
            }
        }, iter: 2000);
    }
}
