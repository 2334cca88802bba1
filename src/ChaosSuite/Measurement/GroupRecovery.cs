using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Timeline;

namespace Resilience.ChaosSuite.Measurement;

/// <summary>A member that did not exist before the fault: when it appeared and when its gate opened.</summary>
/// <param name="Name">The member's name.</param>
/// <param name="IncarnationKey">Its identity (<see cref="MemberObservation.IncarnationKey"/>): a rebooted Aurora instance keeps its name, not its key.</param>
/// <param name="CreatedAt">Run seconds of the first observation listing it.</param>
/// <param name="GateOpenedAt">Run seconds of the first observation with its gate open, or null.</param>
internal sealed record NewMember(string Name, double CreatedAt, double? GateOpenedAt, string? IncarnationKey = null)
{
    /// <summary>Seconds from creation to gate open, or null.</summary>
    public double? WarmupSeconds => GateOpenedAt - CreatedAt;
}

/// <summary>replacementSeconds and warmupSeconds: the replica groups healing after a fault.</summary>
internal static class GroupRecovery
{
    /// <summary>
    /// True when a primary other than the failed member (<paramref name="failedMemberKey"/> is its incarnation key: the same
    /// instance rebooted under its old name counts again) runs, the platform has at least the groups' summed
    /// desired count of warm replicas in the read endpoint, and every group has its desired count of members
    /// that serve (warm routed replicas, or the primary when it came from the group). Platforms differ in where
    /// a promoted replica counts (LocalCluster keeps it in its group and refills the writer's slot; others
    /// refill the group): both are recovered once read capacity is back.
    /// </summary>
    public static bool IsRecovered(ClusterObservation observation, string? failedMemberKey, IReadOnlyDictionary<string, int> desiredByGroup)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(desiredByGroup);
        if (observation.Primary is not { } primary || primary.IncarnationKey == failedMemberKey)
        {
            return false;
        }

        bool Serving(MemberObservation m) => m.IncarnationKey != failedMemberKey && m.Health == MemberHealth.Running
            && (m.Role == MemberRole.Primary || (m.Role == MemberRole.Replica && m.GateOpen && m.InReadEndpoint));
        var warmReplicas = observation.Members.Count(m => m.Role == MemberRole.Replica && Serving(m));
        return warmReplicas >= desiredByGroup.Values.Sum()
            && desiredByGroup.All(group => observation.Members.Count(m => m.Group == group.Key && Serving(m)) >= group.Value);
    }

    /// <summary>The first observation at or after the injection in which the platform is recovered, or null.</summary>
    public static ObservationSample? RecoveredSample(TimelineSnapshot timeline, FaultRecord fault, IReadOnlyDictionary<string, int> desiredByGroup)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(fault);
        return timeline.Samples.FirstOrDefault(s => s.At >= fault.InjectedAt && IsRecovered(s.Observation, fault.TargetKey, desiredByGroup));
    }

    /// <summary>Seconds from the injection to <see cref="RecoveredSample"/>, or null.</summary>
    public static double? ReplacementSeconds(TimelineSnapshot timeline, FaultRecord fault, IReadOnlyDictionary<string, int> desiredByGroup) =>
        RecoveredSample(timeline, fault, desiredByGroup) is { } sample ? sample.At - fault.InjectedAt : null;

    /// <summary>Every member first seen after the injection, in order of appearance.</summary>
    public static IReadOnlyList<NewMember> NewMembers(TimelineSnapshot timeline, FaultRecord fault)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(fault);
        var created = new Dictionary<string, (string Name, double At)>();
        var opened = new Dictionary<string, double>();
        foreach (var sample in timeline.Samples.Where(s => s.At >= fault.InjectedAt))
        {
            foreach (var member in sample.Observation.Members.Where(m => !fault.MembersBefore.Contains(m.IncarnationKey)))
            {
                created.TryAdd(member.IncarnationKey, (member.Name, sample.At));
                if (member is { Role: MemberRole.Replica, Health: MemberHealth.Running, GateOpen: true })
                {
                    opened.TryAdd(member.IncarnationKey, sample.At);
                }
            }
        }

        return [.. created.OrderBy(c => c.Value.At).Select(c => new NewMember(c.Value.Name, c.Value.At, opened.TryGetValue(c.Key, out var at) ? at : null, c.Key))];
    }

    /// <summary>The longest warm-up among new members whose gate opened, or null when none opened.</summary>
    public static double? WarmupSeconds(IReadOnlyList<NewMember> newMembers)
    {
        ArgumentNullException.ThrowIfNull(newMembers);
        var warmed = newMembers.Where(m => m.WarmupSeconds is not null).ToList();
        return warmed.Count == 0 ? null : warmed.Max(m => m.WarmupSeconds!.Value);
    }

    /// <summary>The most running replicas a group had beyond its desired count (its scale-out) since <paramref name="from"/>.</summary>
    public static int ScaleOut(TimelineSnapshot timeline, double from, IReadOnlyDictionary<string, int> desiredByGroup)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        return timeline.Samples.Where(s => s.At >= from).Select(s => ScaleOut(s.Observation, desiredByGroup)).DefaultIfEmpty(0).Max();
    }

    /// <summary>The most replicas (not down) a group has beyond its desired count in one observation, 0 when none.</summary>
    public static int ScaleOut(ClusterObservation observation, IReadOnlyDictionary<string, int> desiredByGroup)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(desiredByGroup);
        return desiredByGroup.Select(g => observation.Replicas(g.Key).Count(m => m.Health != MemberHealth.Down) - g.Value).DefaultIfEmpty(0).Max() is var most && most > 0 ? most : 0;
    }
}
