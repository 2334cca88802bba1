namespace Resilience.HealthProbes.Probes;

/// <summary>Estimates the replay lag in seconds from consecutive samples.</summary>
/// <remarks>
/// <c>now() - pg_last_xact_replay_timestamp()</c> alone grows forever on an idle primary, so a replica that has
/// replayed all it received has lag 0. Otherwise the lag is at most the time since replay was last seen caught up,
/// and at most the age of the last replayed commit: the estimate is the smaller of the two upper bounds.
/// </remarks>
internal sealed class ReplayLagEstimator
{
    private TimeSpan? _lastCaughtUp;

    /// <summary>The estimated lag for <paramref name="sample"/> taken at <paramref name="at"/>; null when unknown.</summary>
    public double? Estimate(MemberSample sample, TimeSpan at)
    {
        if (!sample.InRecovery)
        {
            _lastCaughtUp = null;
            return null;
        }

        if (sample.LagBytes is null or <= 0)
        {
            _lastCaughtUp = at;
            return 0;
        }

        double? bound = _lastCaughtUp is { } caughtUp ? (at - caughtUp).TotalSeconds : null;
        if (sample.LastReplayAgeSeconds is { } age)
        {
            bound = bound is { } b ? Math.Min(b, Math.Max(0, age)) : Math.Max(0, age);
        }

        return bound;
    }
}
