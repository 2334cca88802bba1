using Resilience.HealthProbes.Gate;
using Resilience.Topology;

namespace Resilience.HealthProbes.Tests.Gate;

/// <summary>The gate's whole decision table: every blocker, lag with and without hysteresis, the minimum warm time, precedence.</summary>
public sealed class GateRulesTests
{
    private static readonly WarmupPolicy Policy = new(null, ["app"], false, MaxReplayLagSeconds: 1, MinWarmSeconds: 2, LagGraceSeconds: 3, IoRateMbPerSecond: 0);
    private static readonly TimeSpan Now = TimeSpan.FromSeconds(100);
    private static readonly GateInput Healthy = new(true, null, MemberRole.Replica, true, LeaderCheck.NotChecked, 0.2, true, "warm");

    // Previous states: closed with no history, closed and healthy for 1.5 s, open (since 50 s, healthy since 40 s).
    private static readonly GateState ClosedFresh = new(false, "starting", S(10), null, null);
    private static readonly GateState ClosedHealthy = new(false, "warm for ...", S(10), S(98.5), null);
    private static readonly GateState Open = new(true, "streaming", S(50), S(40), null);
    private static readonly GateState OpenLagging1s = Open with { LagExceededSince = S(99) };
    private static readonly GateState OpenLagging3s = Open with { LagExceededSince = S(97) };

    public static TheoryData<string, GateState, GateInput, bool, string> Rows() => new()
    {
        // Blockers close at once, open or not; the first failing condition names the reason.
        { "no answer, was open", Open, Healthy with { Answered = false, Problem = "no answer within 1000 ms" }, false, "database not answering: no answer within 1000 ms" },
        { "no answer, was closed", ClosedHealthy, Healthy with { Answered = false, Problem = "refused" }, false, "database not answering: refused" },
        { "no answer beats every other failure", Open, new GateInput(false, "x", MemberRole.Unknown, false, LeaderCheck.Unknown, null, false, "warming: 1% of 2.0 GB"), false, "database not answering: x" },
        { "primary, was open", Open, Healthy with { Role = MemberRole.Primary }, false, "primary: reads go to replicas" },
        { "primary beats not streaming", ClosedFresh, Healthy with { Role = MemberRole.Primary, Streaming = false }, false, "primary: reads go to replicas" },
        { "role unknown", ClosedFresh, Healthy with { Role = MemberRole.Unknown }, false, "role unknown" },
        { "not streaming, was open: no grace", Open, Healthy with { Streaming = false }, false, "not streaming" },
        { "not streaming beats the leader check", ClosedFresh, Healthy with { Streaming = false, Leader = LeaderCheck.Mismatch }, false, "not streaming" },
        { "streaming from another server", Open, Healthy with { Leader = LeaderCheck.Mismatch, Problem = "streaming from a:1, but the leader is b:2" }, false, "not streaming from the current primary: streaming from a:1, but the leader is b:2" },
        { "leader unknown", Open, Healthy with { Leader = LeaderCheck.Unknown, Problem = "patroni reports no leader" }, false, "current primary unknown: patroni reports no leader" },
        { "leader checked and matching", Open, Healthy with { Leader = LeaderCheck.Matches, Problem = "streaming from the leader m0" }, true, "streaming, lag 0.2 s <= 1 s, warm" },
        { "warm-up incomplete", ClosedHealthy, Healthy with { WarmupComplete = false, WarmupSummary = "warming: 41% of 2.1 GB" }, false, "warming: 41% of 2.1 GB" },
        { "warm-up reset while open (new data directory)", Open, Healthy with { WarmupComplete = false, WarmupSummary = "warming: planning" }, false, "warming: planning" },
        { "warm-up incomplete beats lag", ClosedFresh, Healthy with { WarmupComplete = false, WarmupSummary = "warming: 0% of 1.0 MB", ReplayLagSeconds = 9 }, false, "warming: 0% of 1.0 MB" },

        // Lag while closed: stays closed, no grace needed.
        { "lag over bound, was closed", ClosedHealthy, Healthy with { ReplayLagSeconds = 3.21 }, false, "lag 3.2 s > 1 s" },
        { "lag unknown, was closed", ClosedHealthy, Healthy with { ReplayLagSeconds = null }, false, "lag unknown" },

        // Lag while open: hysteresis.
        { "lag over bound, was open: first sample stays open", Open, Healthy with { ReplayLagSeconds = 3.2 }, true, "open, lag 3.2 s > 1 s for 0.0 s (closes after 3 s)" },
        { "lag over bound for 1 s of 3 s grace: open", OpenLagging1s, Healthy with { ReplayLagSeconds = 2 }, true, "open, lag 2.0 s > 1 s for 1.0 s (closes after 3 s)" },
        { "lag over bound for the whole grace: closed", OpenLagging3s, Healthy with { ReplayLagSeconds = 2 }, false, "lag 2.0 s > 1 s for 3.0 s" },
        { "lag unknown while open counts as over bound", OpenLagging3s, Healthy with { ReplayLagSeconds = null }, false, "lag unknown for 3.0 s" },
        { "lag exactly at the bound is within it", Open, Healthy with { ReplayLagSeconds = 1 }, true, "streaming, lag 1.0 s <= 1 s, warm" },
        { "lag back within bound: stays open", OpenLagging1s, Healthy, true, "streaming, lag 0.2 s <= 1 s, warm" },

        // Minimum warm time before opening.
        { "healthy for the first time", ClosedFresh, Healthy, false, "warm for 0.0 s of 2 s minimum" },
        { "healthy for 1.5 s of 2 s", ClosedHealthy, Healthy, false, "warm for 1.5 s of 2 s minimum" },
        { "healthy for 2 s: opens", ClosedHealthy with { HealthySince = S(98) }, Healthy, true, "streaming, lag 0.2 s <= 1 s, warm" },
        { "open stays open", Open, Healthy, true, "streaming, lag 0.2 s <= 1 s, warm" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Decides(string row, GateState previous, GateInput input, bool open, string reason)
    {
        var next = GateRules.Next(previous, input, Policy, Now);

        Assert.True(open == next.Open, $"{row}: expected {(open ? "open" : "closed")}, got {next}");
        Assert.Equal(reason, next.Reason);
    }

    [Fact]
    public void Opening_and_closing_stamp_the_change_time_and_staying_keeps_it()
    {
        Assert.Equal(Now, GateRules.Next(ClosedHealthy with { HealthySince = S(90) }, Healthy, Policy, Now).ChangedAt);
        Assert.Equal(Now, GateRules.Next(Open, Healthy with { Streaming = false }, Policy, Now).ChangedAt);
        Assert.Equal(S(50), GateRules.Next(Open, Healthy, Policy, Now).ChangedAt);
        Assert.Equal(S(10), GateRules.Next(ClosedFresh, Healthy with { Streaming = false }, Policy, Now).ChangedAt);
        Assert.Equal(S(10), GateRules.Next(ClosedFresh, Healthy, Policy, Now).ChangedAt);
    }

    [Fact]
    public void A_failing_condition_restarts_the_minimum_warm_time()
    {
        Assert.Null(GateRules.Next(ClosedHealthy, Healthy with { ReplayLagSeconds = 5 }, Policy, Now).HealthySince);
        Assert.Null(GateRules.Next(ClosedHealthy, Healthy with { Streaming = false }, Policy, Now).HealthySince);
        Assert.Equal(Now, GateRules.Next(ClosedFresh, Healthy, Policy, Now).HealthySince);
        Assert.Equal(S(98.5), GateRules.Next(ClosedHealthy, Healthy, Policy, Now).HealthySince);
    }

    [Fact]
    public void Lag_over_bound_while_open_remembers_since_when_and_forgets_it_once_back()
    {
        Assert.Equal(Now, GateRules.Next(Open, Healthy with { ReplayLagSeconds = 2 }, Policy, Now).LagExceededSince);
        Assert.Equal(S(99), GateRules.Next(OpenLagging1s, Healthy with { ReplayLagSeconds = 2 }, Policy, Now).LagExceededSince);
        Assert.Null(GateRules.Next(OpenLagging1s, Healthy, Policy, Now).LagExceededSince);
        Assert.Null(GateRules.Next(OpenLagging1s, Healthy with { Streaming = false }, Policy, Now).LagExceededSince);
    }

    [Fact]
    public void Zero_minimum_warm_time_opens_at_the_first_healthy_observation()
    {
        var next = GateRules.Next(ClosedFresh, Healthy, Policy with { MinWarmSeconds = 0 }, Now);

        Assert.True(next.Open);
        Assert.Equal(Now, next.ChangedAt);
    }

    [Fact]
    public void Zero_grace_closes_at_the_first_sample_over_the_bound()
    {
        var next = GateRules.Next(Open, Healthy with { ReplayLagSeconds = 1.5 }, Policy with { LagGraceSeconds = 0 }, Now);

        Assert.False(next.Open);
        Assert.Equal("lag 1.5 s > 1 s for 0.0 s", next.Reason);
    }

    [Fact]
    public void The_initial_state_is_closed()
    {
        var initial = GateState.Initial(S(0));

        Assert.False(initial.Open);
        Assert.Equal("starting: no observation yet", initial.Reason);
    }

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);
}
