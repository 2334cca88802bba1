using Resilience.HealthProbes.Gate;

namespace Resilience.HealthProbes.Probes;

/// <summary>Compares the member's WAL sender (replica) or itself (primary) with the leader Patroni reports.</summary>
internal static class LeaderMatch
{
    public static (LeaderCheck Check, string? Detail) Check(
        bool patroniConfigured, MemberSample? sample, LeaderView? leader, string? leaderProblem, string selfHost, int selfPort)
    {
        if (!patroniConfigured)
        {
            return (LeaderCheck.NotChecked, null);
        }

        if (leader is null)
        {
            return (LeaderCheck.Unknown, leaderProblem ?? "patroni reports no leader");
        }

        if (sample is null)
        {
            return (LeaderCheck.Unknown, "the database did not answer");
        }

        if (!sample.InRecovery)
        {
            return EndpointAddress.Same(selfHost, selfPort, leader.Host, leader.Port)
                ? (LeaderCheck.Matches, $"this member is the leader {leader}")
                : (LeaderCheck.Mismatch, $"writable, but the leader is {leader}");
        }

        if (sample.SenderHost is not { } host || sample.SenderPort is not { } port)
        {
            return (LeaderCheck.Unknown, "the WAL sender is not visible (not streaming, or the role lacks pg_read_all_stats)");
        }

        return EndpointAddress.Same(host, port, leader.Host, leader.Port)
            ? (LeaderCheck.Matches, $"streaming from the leader {leader}")
            : (LeaderCheck.Mismatch, $"streaming from {host}:{port}, but the leader is {leader}");
    }
}
