using Resilience.Topology.Steady;

namespace Resilience.LocalCluster.Internal.Status;

/// <summary>
/// Steady state of a local stack: its supervisor runs, and the members pass Topology's one steady-state rule
/// (<see cref="Topology.Steady.SteadyState"/>) against the group counts the supervisor is steering to. Pure.
/// </summary>
internal static class SteadyState
{
    /// <summary>The reasons the cluster is not steady; empty when it is.</summary>
    public static IReadOnlyList<string> Reasons(bool supervisorRunning, IReadOnlyList<MemberStatus> members, IReadOnlyList<GroupStatus> groups)
    {
        var reasons = new List<string>();
        if (!supervisorRunning)
        {
            reasons.Add("the supervisor is not running");
        }

        reasons.AddRange(Topology.Steady.SteadyState.Reasons(
            [.. members.Select(m => new SteadyMember(
                m.Name,
                m.Role == MemberRole.Primary,
                m.Role == MemberRole.Replica,
                m.State == MemberState.Running,
                m.State.ToString().ToLowerInvariant() + (m.PatroniState is { } p ? $" ({p})" : ""),
                m.GateOpen,
                m.InReadEndpoint,
                m.InWriteEndpoint))],
            [.. groups.Select(g => new SteadyGroup(g.Name, g.Members, g.Desired))]));
        return reasons;
    }
}
