namespace Resilience.LocalCluster.Internal.Status;

/// <summary>
/// Steady state, the precondition of every chaos scenario: the supervisor runs, exactly one primary runs and
/// the write endpoint routes to it, every group has its desired count, and every other member is a running
/// replica whose gate is open and which the read endpoint routes to. Pure.
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

        var primaries = members.Where(m => m.Role == MemberRole.Primary && m.State == MemberState.Running).ToList();
        if (primaries.Count == 0)
        {
            reasons.Add("no running primary");
        }
        else if (primaries.Count > 1)
        {
            reasons.Add($"{primaries.Count} primaries: {string.Join(", ", primaries.Select(p => p.Name))}");
        }
        else if (!primaries[0].InWriteEndpoint)
        {
            reasons.Add($"{primaries[0].Name}: primary, not yet in the write endpoint");
        }

        foreach (var g in groups.Where(g => g.Members != g.Desired))
        {
            reasons.Add($"group {g.Name}: {g.Members} of {g.Desired} members");
        }

        foreach (var m in members.Where(m => !primaries.Contains(m)))
        {
            var problem = m switch
            {
                { State: not MemberState.Running } => m.State.ToString().ToLowerInvariant() + (m.PatroniState is { } p ? $" ({p})" : ""),
                { Role: not MemberRole.Replica } => "not a replica",
                { GateOpen: false } => "warm-up gate closed",
                { InReadEndpoint: false } => "gate open, not yet in the read endpoint",
                { InWriteEndpoint: true } => "replica still in the write endpoint",
                _ => null,
            };
            if (problem is not null)
            {
                reasons.Add($"{m.Name}: {problem}");
            }
        }

        return reasons;
    }
}
