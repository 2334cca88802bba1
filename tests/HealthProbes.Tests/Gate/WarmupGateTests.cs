using Microsoft.Extensions.Time.Testing;
using Resilience.HealthProbes.Gate;
using Resilience.HealthProbes.Internal;
using Resilience.HealthProbes.Tests.Internal;
using Resilience.Topology.Time;
using Resilience.Topology;

namespace Resilience.HealthProbes.Tests.Gate;

/// <summary>The gate over time, driven by a fake clock: no flapping on one slow sample, closing after sustained lag.</summary>
public sealed class WarmupGateTests
{
    private static readonly WarmupPolicy Policy = new(null, ["app"], false, MaxReplayLagSeconds: 1, MinWarmSeconds: 10, LagGraceSeconds: 3, IoRateMbPerSecond: 0);
    private static readonly GateInput Healthy = new(true, null, MemberRole.Replica, true, LeaderCheck.NotChecked, 0, true, "warm");
    private static readonly GateInput Warming = Healthy with { WarmupComplete = false, WarmupSummary = "warming: 50% of 1.0 GB" };

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 6, 3, 0, 0, TimeSpan.Zero));
    private readonly WarmupGate _gate;

    public WarmupGateTests() => _gate = new WarmupGate(Policy, new MonotonicClock(_time));

    [Fact]
    public void Opens_only_after_the_warm_up_and_then_the_minimum_warm_time()
    {
        Observe(Warming, every: 0.25, for_: 60);
        Assert.False(_gate.State.Open);
        Assert.Equal("warming: 50% of 1.0 GB", _gate.State.Reason);

        // First healthy observation at 60.25 s: the 10 s minimum ends at 70.25 s.
        Observe(Healthy, every: 0.25, for_: 10);
        Assert.False(_gate.State.Open);
        Assert.Equal("warm for 9.8 s of 10 s minimum", _gate.State.Reason);

        Observe(Healthy, every: 0.25, for_: 0.25);
        Assert.True(_gate.State.Open, _gate.State.ToString());
        Assert.Equal(TimeSpan.FromSeconds(70.25), _gate.State.ChangedAt);
        Assert.Equal(1, _gate.Transitions);
    }

    [Fact]
    public void One_slow_sample_does_not_flap_the_gate()
    {
        OpenTheGate();

        Observe(Healthy with { ReplayLagSeconds = 4 }, every: 0.25, for_: 0.25);
        Observe(Healthy, every: 0.25, for_: 5);

        Assert.True(_gate.State.Open);
        Assert.Equal(1, _gate.Transitions);
    }

    [Fact]
    public void Lag_sustained_for_the_grace_period_closes_the_gate_and_it_reopens_after_the_minimum_warm_time()
    {
        OpenTheGate();
        var lagging = Healthy with { ReplayLagSeconds = 2.5 };

        Observe(lagging, every: 0.25, for_: 2.75);
        Assert.True(_gate.State.Open);
        Observe(lagging, every: 0.25, for_: 0.5);
        Assert.False(_gate.State.Open);
        Assert.Equal("lag 2.5 s > 1 s for 3.0 s", _gate.State.Reason);

        Observe(Healthy, every: 0.25, for_: 9.75);
        Assert.False(_gate.State.Open);
        Observe(Healthy, every: 0.25, for_: 0.5);
        Assert.True(_gate.State.Open);
        Assert.Equal(3, _gate.Transitions);
    }

    [Fact]
    public void Lag_that_comes_and_goes_within_the_grace_never_closes_the_gate()
    {
        OpenTheGate();

        for (var i = 0; i < 20; i++)
        {
            Observe(Healthy with { ReplayLagSeconds = 1.5 }, every: 0.25, for_: 2.5);
            Observe(Healthy, every: 0.25, for_: 0.25);
        }

        Assert.True(_gate.State.Open);
    }

    [Fact]
    public void Streaming_stopping_closes_at_once()
    {
        OpenTheGate();

        _time.Advance(TimeSpan.FromSeconds(0.25));
        _gate.Observe(Healthy with { Streaming = false });

        Assert.False(_gate.State.Open);
        Assert.Equal("not streaming", _gate.State.Reason);
    }

    private void OpenTheGate()
    {
        Observe(Healthy, every: 0.25, for_: 10.25);
        Assert.True(_gate.State.Open);
    }

    /// <summary>Observes <paramref name="input"/> every <paramref name="every"/> seconds for <paramref name="for_"/> seconds of fake time.</summary>
    private void Observe(GateInput input, double every, double for_)
    {
        for (var elapsed = 0.0; elapsed < for_ - 1e-9; elapsed += every)
        {
            _time.Advance(TimeSpan.FromSeconds(every));
            _gate.Observe(input);
        }
    }
}
