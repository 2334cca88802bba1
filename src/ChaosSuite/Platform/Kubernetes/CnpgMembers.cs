using Resilience.Topology;

namespace Resilience.ChaosSuite.Platform.Kubernetes;

/// <summary>Maps a CloudNativePG control-plane read and the routing read to the suite's members and alarms.</summary>
internal static class CnpgMembers
{
    /// <param name="spec">The stack.</param>
    /// <param name="read">The Cluster, its pods, the firing alerts.</param>
    /// <param name="warmSelector">The warm-readers Service's selector: a ready pod carrying all of it is routed by the Service.</param>
    /// <param name="writeAnswer">What <see cref="KubernetesPlatformConstants.ServerIdentitySql"/> answered through the <c>-rw</c> Service, or null.</param>
    public static IReadOnlyList<MemberObservation> Map(StackSpec spec, CnpgControlPlaneRead read, IReadOnlyDictionary<string, string> warmSelector, string? writeAnswer)
    {
        var groups = Groups(spec, read);
        return [.. read.Instances.OrderBy(i => i.Serial).Select(i =>
        {
            var isPrimary = i.Name == read.Cluster.CurrentPrimary;
            var health = Health(i, read.Cluster);
            // The Service's endpoints are its ready pods matching its selector (what the endpoints controller publishes).
            var routed = !isPrimary && health == MemberHealth.Running && i.Matches(warmSelector);
            var warm = i.Labels.TryGetValue(CnpgNames.WarmLabel, out var label) && label == "true";
            return new MemberObservation(
                i.Name,
                isPrimary ? null : groups.GetValueOrDefault(i.Name),
                isPrimary ? MemberRole.Primary : MemberRole.Replica,
                health,
                GateOpen: isPrimary || warm,
                InReadEndpoint: routed,
                InWriteEndpoint: writeAnswer is not null && writeAnswer == i.ServerIdentity,
                LagSeconds: null,
                ServerIdentity: i.ServerIdentity,
                DirectEndpoint: i.PodIp is { } ip ? new DatabaseEndpoint(ip, i.Port) : null,
                CpuPercent: null,
                Incarnation: i.Uid,
                Injectable: isPrimary ? PrimaryFaults : warm && health == MemberHealth.Running ? WarmReplicaFaults : ReplicaFaults);
        })];
    }

    // The primary hands over in a switchover; a replica takes over only while ready with its gate open.
    private static readonly IReadOnlySet<FaultKind> PrimaryFaults = new HashSet<FaultKind> { FaultKind.MachineLoss, FaultKind.OverloadTarget, FaultKind.Switchover };
    private static readonly IReadOnlySet<FaultKind> WarmReplicaFaults = new HashSet<FaultKind> { FaultKind.MachineLoss, FaultKind.Switchover };
    private static readonly IReadOnlySet<FaultKind> ReplicaFaults = new HashSet<FaultKind> { FaultKind.MachineLoss };

    /// <summary>Each spec alarm, in ALARM when Prometheus reports an alert of that name firing for the cluster.</summary>
    public static IReadOnlyList<AlarmObservation> Alarms(StackSpec spec, CnpgControlPlaneRead read) =>
        [.. spec.Alarms.Select(a => new AlarmObservation(a.Name, read.FiringAlerts.Contains(a.Name, StringComparer.Ordinal) ? AlarmState.Alarm : AlarmState.Ok))];

    public static MemberHealth Health(CnpgInstance instance, CnpgClusterState cluster) =>
        instance.Deleting || instance.Phase is "Failed" or "Unknown" || cluster.FailedInstances.Contains(instance.Name) ? MemberHealth.Down
        : instance.Ready && instance.Phase == "Running" ? MemberHealth.Running
        : MemberHealth.Starting;

    // On CloudNativePG every group of a cell shares one Cluster, so a replica's group is positional: replicas in
    // serial order fill the groups in the spec's order up to each one's desired count; more (a scale-out) join
    // the autoscaled group, else the first.
    private static Dictionary<string, string> Groups(StackSpec spec, CnpgControlPlaneRead read)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (spec.ReplicaGroups.Count == 0)
        {
            return result;
        }

        var replicas = read.Instances.Where(i => i.Name != read.Cluster.CurrentPrimary).OrderBy(i => i.Serial).Select(i => i.Name).ToList();
        var overflow = (spec.ReplicaGroups.FirstOrDefault(g => g.Autoscaling is not null) ?? spec.ReplicaGroups[0]).Name;
        var next = 0;
        foreach (var group in spec.ReplicaGroups)
        {
            foreach (var name in replicas.Skip(next).Take(group.Size.Desired))
            {
                result[name] = group.Name;
            }

            next += group.Size.Desired;
        }

        foreach (var name in replicas.Skip(next))
        {
            result[name] = overflow;
        }

        return result;
    }
}
