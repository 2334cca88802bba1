using Resilience.ChaosSuite.Platform;
using Resilience.Topology;
using Resilience.Topology.Steady;

namespace Resilience.ChaosSuite.Scenarios;

/// <summary>
/// The double-fault guard: no injection unless the platform is in steady state (one running primary,
/// every group with at least its minimum of warm replicas in the read endpoint, no alarm firing).
/// </summary>
internal static class SteadyStateGuard
{
    /// <summary>Why the platform is not in steady state, one line, or null when it is.</summary>
    public static string? Refusal(StackSpec spec, ClusterObservation observation)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(observation);
        if (observation.PrimaryCount == 0)
        {
            return "no running primary (a failover may be in progress)";
        }

        if (observation.PrimaryCount > 1)
        {
            return $"{observation.PrimaryCount} members claim to be primary (a failover is in progress)";
        }

        foreach (var group in spec.ReplicaGroups)
        {
            var warm = WarmReplicas(observation, group.Name);
            if (warm < group.Size.Min)
            {
                return $"group {group.Name} has {warm} warm replica(s) in the read endpoint, its minimum is {group.Size.Min}";
            }
        }

        var firing = observation.Firing.Select(a => a.Name).ToList();
        return firing.Count > 0 ? $"alarm(s) in ALARM: {string.Join(", ", firing)}" : null;
    }

    /// <summary>
    /// Stricter than <see cref="Refusal"/>: steady state as Topology's one rule defines it (every member serving in its
    /// role, every group at least at the spec's desired count: autoscaling may have raised the platform's). A game-day
    /// waits for this between scenarios so each starts from the same state.
    /// </summary>
    public static bool IsSettled(StackSpec spec, ClusterObservation observation)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(observation);
        return Refusal(spec, observation) is null && SteadyState.Reasons(Members(observation), Groups(spec, observation), allowAboveDesired: true).Count == 0;
    }

    private static SteadyMember[] Members(ClusterObservation observation) =>
        [.. observation.Members.Select(m => new SteadyMember(
            m.Name,
            m.Role == MemberRole.Primary,
            m.Role == MemberRole.Replica,
            m.Health == MemberHealth.Running,
            m.Health.ToString().ToLowerInvariant(),
            m.GateOpen,
            m.InReadEndpoint,
            m.InWriteEndpoint))];

    // A group counts every member it holds, as the platform does: after a failover the new primary still belongs to its
    // group and the member replacing the old primary to the writer's slot, so counting replicas per group would never
    // settle again. That the stack as a whole serves reads is the replica total against the sum of the desired counts.
    private static SteadyGroup[] Groups(StackSpec spec, ClusterObservation observation) =>
    [
        .. spec.ReplicaGroups.Select(g => new SteadyGroup(g.Name, observation.Members.Count(m => m.Group == g.Name), g.Size.Desired)),
        new SteadyGroup("replicas of all groups", observation.Members.Count(m => m.Role == MemberRole.Replica), spec.ReplicaGroups.Sum(g => g.Size.Desired)),
    ];

    /// <summary>Running replicas of <paramref name="group"/> with an open gate that the read endpoint routes to.</summary>
    public static int WarmReplicas(ClusterObservation observation, string group)
    {
        ArgumentNullException.ThrowIfNull(observation);
        return observation.Replicas(group).Count(m => m.Health == MemberHealth.Running && m.GateOpen && m.InReadEndpoint);
    }
}
