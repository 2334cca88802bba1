namespace Resilience.Topology.Steady;

/// <summary>
/// The one definition of steady state, for every platform: exactly one running primary, in the write endpoint; every
/// other member a running replica whose warm-up gate is open, in the read endpoint and not in the write endpoint; every
/// group at its desired count. LocalCluster's <c>status</c>/<c>up</c> and the chaos suite's game-day settling both ask it.
/// </summary>
public static class SteadyState
{
    /// <summary>The reasons the members are not steady, one line each; empty when they are.</summary>
    /// <param name="members">Every member as observed.</param>
    /// <param name="groups">Every group with its member count and desired count.</param>
    /// <param name="allowAboveDesired">
    /// True when the caller knows only the spec's desired counts, not the platform's current ones (autoscaling may have
    /// raised them): a group above its desired count is then steady. False for the platform itself, where a member
    /// above the desired count is about to be removed.
    /// </param>
    public static IReadOnlyList<string> Reasons(IReadOnlyList<SteadyMember> members, IReadOnlyList<SteadyGroup> groups, bool allowAboveDesired = false)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(groups);
        var reasons = new List<string>();
        var primaries = members.Where(m => m.IsPrimary && m.Running).ToList();
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

        foreach (var g in groups.Where(g => g.Members < g.Desired || (g.Members > g.Desired && !allowAboveDesired)))
        {
            reasons.Add($"group {g.Name}: {g.Members} of {g.Desired} members");
        }

        foreach (var m in members.Where(m => !primaries.Contains(m)))
        {
            var problem = m switch
            {
                { Running: false } => m.State,
                { IsReplica: false } => "not a replica",
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

/// <summary>One member as the steady-state rule sees it.</summary>
/// <param name="Name">The member's name.</param>
/// <param name="IsPrimary">The platform reports it as the primary (writable).</param>
/// <param name="IsReplica">The platform reports it as a replica.</param>
/// <param name="Running">Its processes (or instance) run.</param>
/// <param name="State">Its state in words when not running, e.g. <c>frozen</c> or <c>starting (creating replica)</c>.</param>
/// <param name="GateOpen">Its warm-up gate is open.</param>
/// <param name="InReadEndpoint">The read endpoint routes to it.</param>
/// <param name="InWriteEndpoint">The write endpoint routes to it.</param>
public sealed record SteadyMember(string Name, bool IsPrimary, bool IsReplica, bool Running, string State, bool GateOpen, bool InReadEndpoint, bool InWriteEndpoint);

/// <summary>One group's size as the steady-state rule sees it.</summary>
/// <param name="Name">The group's name.</param>
/// <param name="Members">Its members now.</param>
/// <param name="Desired">Its desired count.</param>
public sealed record SteadyGroup(string Name, int Members, int Desired);
