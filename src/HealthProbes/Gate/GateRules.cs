using Resilience.HealthProbes.Internal;
using Resilience.Topology;

namespace Resilience.HealthProbes.Gate;

/// <summary>The warm-up gate's decision: a pure function of the previous state, one observation, the policy and the clock.</summary>
/// <remarks>
/// Hard failures (no answer, primary, not streaming, wrong or unknown leader, not warm) close the gate at once.
/// Lag over the bound closes an open gate only after it lasted <see cref="WarmupPolicy.LagGraceSeconds"/>, so one
/// slow sample does not flap the read pool. A closed gate opens once every condition held for
/// <see cref="WarmupPolicy.MinWarmSeconds"/>.
/// </remarks>
public static class GateRules
{
    /// <summary>The gate after observing <paramref name="input"/> at <paramref name="now"/>.</summary>
    public static GateState Next(GateState previous, GateInput input, WarmupPolicy policy, TimeSpan now)
    {
        if (Blocker(input) is { } blocker)
        {
            return Closed(previous, blocker, now, healthySince: null);
        }

        var lag = input.ReplayLagSeconds;
        var bound = policy.MaxReplayLagSeconds;
        if (lag is not { } lagSeconds || lagSeconds > bound)
        {
            var lagText = lag is { } l ? $"lag {Text.Seconds(l)} s > {Text.Number(bound)} s" : "lag unknown";
            if (!previous.Open)
            {
                return Closed(previous, lagText, now, healthySince: null);
            }

            var since = previous.LagExceededSince ?? now;
            var lasted = now - since;
            var grace = TimeSpan.FromSeconds(policy.LagGraceSeconds);
            return lasted >= grace
                ? Closed(previous, $"{lagText} for {Text.Seconds(lasted.TotalSeconds)} s", now, healthySince: null)
                : previous with
                {
                    Reason = $"open, {lagText} for {Text.Seconds(lasted.TotalSeconds)} s (closes after {Text.Number(policy.LagGraceSeconds)} s)",
                    LagExceededSince = since,
                };
        }

        var healthySince = previous.HealthySince ?? now;
        var warmFor = now - healthySince;
        var okText = $"streaming, lag {Text.Seconds(lagSeconds)} s <= {Text.Number(bound)} s, warm";
        if (previous.Open || warmFor >= TimeSpan.FromSeconds(policy.MinWarmSeconds))
        {
            return new GateState(true, okText, previous.Open ? previous.ChangedAt : now, healthySince, null);
        }

        return new GateState(false, $"warm for {Text.Seconds(warmFor.TotalSeconds)} s of {Text.Number(policy.MinWarmSeconds)} s minimum", previous.ChangedAt, healthySince, null);
    }

    private static string? Blocker(GateInput input) => input switch
    {
        { Answered: false } => $"database not answering: {input.Problem ?? "no answer"}",
        { Role: MemberRole.Primary } => "primary: reads go to replicas",
        { Role: not MemberRole.Replica } => "role unknown",
        { Streaming: false } => "not streaming",
        { Leader: LeaderCheck.Mismatch } => $"not streaming from the current primary: {input.Problem}",
        { Leader: LeaderCheck.Unknown } => $"current primary unknown: {input.Problem}",
        { WarmupComplete: false } => input.WarmupSummary,
        _ => null,
    };

    private static GateState Closed(GateState previous, string reason, TimeSpan now, TimeSpan? healthySince) =>
        new(false, reason, previous.Open ? now : previous.ChangedAt, healthySince, null);
}
