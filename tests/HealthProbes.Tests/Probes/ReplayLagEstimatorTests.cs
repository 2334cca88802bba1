using Resilience.HealthProbes.Probes;

namespace Resilience.HealthProbes.Tests.Probes;

public sealed class ReplayLagEstimatorTests
{
    private static readonly MemberSample CaughtUp = new(true, false, "0/3000000", "0/3000000", 0, 600, "streaming", "127.0.0.1", 5432, 1, 0.99);

    [Fact]
    public void A_replica_that_replayed_all_it_received_has_no_lag_even_on_an_idle_primary()
    {
        // The last commit was 10 minutes ago; nothing is waiting to be replayed.
        Assert.Equal(0, new ReplayLagEstimator().Estimate(CaughtUp, S(1)));
    }

    [Fact]
    public void Behind_the_lag_is_the_time_since_replay_was_last_seen_caught_up()
    {
        var estimator = new ReplayLagEstimator();
        estimator.Estimate(CaughtUp, S(10));

        var lag = estimator.Estimate(CaughtUp with { LagBytes = 8192, LastReplayAgeSeconds = 600 }, S(12.5));

        Assert.Equal(2.5, lag);
    }

    [Fact]
    public void Behind_the_age_of_the_last_replayed_commit_bounds_the_lag_when_smaller()
    {
        var estimator = new ReplayLagEstimator();
        estimator.Estimate(CaughtUp, S(10));

        Assert.Equal(0.4, estimator.Estimate(CaughtUp with { LagBytes = 8192, LastReplayAgeSeconds = 0.4 }, S(20)));
    }

    [Fact]
    public void Behind_and_never_seen_caught_up_the_lag_is_the_age_of_the_last_replayed_commit()
    {
        Assert.Equal(42, new ReplayLagEstimator().Estimate(CaughtUp with { LagBytes = 1, LastReplayAgeSeconds = 42 }, S(1)));
    }

    [Fact]
    public void Behind_with_nothing_to_go_by_the_lag_is_unknown()
    {
        Assert.Null(new ReplayLagEstimator().Estimate(CaughtUp with { LagBytes = 1, LastReplayAgeSeconds = null }, S(1)));
    }

    [Fact]
    public void A_primary_has_no_replay_lag_and_forgets_the_replica_history()
    {
        var estimator = new ReplayLagEstimator();
        estimator.Estimate(CaughtUp, S(1));

        Assert.Null(estimator.Estimate(CaughtUp with { InRecovery = false }, S(2)));
        Assert.Null(estimator.Estimate(CaughtUp with { LagBytes = 5, LastReplayAgeSeconds = null }, S(3)));
    }

    [Fact]
    public void A_negative_commit_age_from_clock_skew_counts_as_zero()
    {
        Assert.Equal(0, new ReplayLagEstimator().Estimate(CaughtUp with { LagBytes = 1, LastReplayAgeSeconds = -0.3 }, S(1)));
    }

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);
}
