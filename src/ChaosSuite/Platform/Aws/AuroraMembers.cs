using System.Globalization;
using Resilience.AwsControlPlane;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Platform.Aws;

/// <summary>Maps an Aurora control-plane read and the routing read to the suite's members and alarms.</summary>
internal static class AuroraMembers
{
    public static IReadOnlyList<MemberObservation> Map(
        StackSpec spec, AuroraCell cell, AuroraControlPlaneRead read, string? writeEndpointAnswer, IReadOnlyDictionary<string, string> postmasterStarts)
    {
        var writer = read.Cluster.Writer?.InstanceIdentifier;
        var warm = read.WarmReaders?.StaticMembers.ToHashSet(StringComparer.Ordinal) ?? [];
        return [.. read.Instances.Select(i =>
        {
            var isWriter = i.Identifier == writer;
            var health = Health(i.Status);
            // A custom endpoint keeps a rebooting static member in its DNS, but it refuses connections: not routed.
            var routed = warm.Contains(i.Identifier) && health == MemberHealth.Running;
            var incarnation = i.CreateTime?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)
                + (postmasterStarts.TryGetValue(i.Identifier, out var started) ? "/" + started : "");
            return new MemberObservation(
                i.Identifier,
                Group(spec, cell, i.Identifier, isWriter),
                isWriter ? MemberRole.Primary : MemberRole.Replica,
                health,
                GateOpen: isWriter || routed,
                InReadEndpoint: !isWriter && routed,
                InWriteEndpoint: writeEndpointAnswer == i.Identifier,
                LagSeconds: null,
                ServerIdentity: i.Identifier,
                DirectEndpoint: i.Address is { } address ? new DatabaseEndpoint(address, i.Port ?? cell.Port) : null,
                CpuPercent: null,
                Incarnation: incarnation,
                Injectable: isWriter ? WriterFaults : ReaderFaults(i.Arn is { } arn && cell.CanRebootReader(arn), routed));
        })];
    }

    // The writer fails over (and is the overload target, and hands over in a switchover); a reader is rebooted only
    // through a template that targets it, and takes over in a switchover only while it is in the warm-readers endpoint.
    private static readonly IReadOnlySet<FaultKind> WriterFaults = new HashSet<FaultKind> { FaultKind.MachineLoss, FaultKind.Failover, FaultKind.OverloadTarget, FaultKind.Switchover };

    private static IReadOnlySet<FaultKind> ReaderFaults(bool rebootable, bool warm) => (rebootable, warm) switch
    {
        (true, true) => RebootableWarmReaderFaults,
        (true, false) => RebootableReaderFaults,
        (false, true) => WarmReaderFaults,
        (false, false) => NoFaults,
    };

    private static readonly IReadOnlySet<FaultKind> RebootableWarmReaderFaults = new HashSet<FaultKind> { FaultKind.MachineLoss, FaultKind.Reboot, FaultKind.Switchover };
    private static readonly IReadOnlySet<FaultKind> RebootableReaderFaults = new HashSet<FaultKind> { FaultKind.MachineLoss, FaultKind.Reboot };
    private static readonly IReadOnlySet<FaultKind> WarmReaderFaults = new HashSet<FaultKind> { FaultKind.Switchover };
    private static readonly IReadOnlySet<FaultKind> NoFaults = new HashSet<FaultKind>();

    public static IReadOnlyList<AlarmObservation> Alarms(AuroraCell cell, IReadOnlyList<MetricAlarm> alarms)
    {
        var byAwsName = alarms.ToDictionary(a => a.Name, StringComparer.Ordinal);
        return [.. cell.AlarmNames.Select(p => new AlarmObservation(p.Key, byAwsName.TryGetValue(p.Value, out var a) ? State(a.State) : AlarmState.InsufficientData))];
    }

    public static AlarmState State(string state) => state switch
    {
        "ALARM" => AlarmState.Alarm,
        "OK" => AlarmState.Ok,
        _ => AlarmState.InsufficientData,
    };

    /// <summary>RDS instance states: those that serve, those on the way, and the rest (down).</summary>
    public static MemberHealth Health(string status) => status switch
    {
        "available" or "backing-up" or "modifying" or "configuring-enhanced-monitoring" or "configuring-iam-database-auth" or "configuring-log-exports" or "maintenance" or "storage-optimization" => MemberHealth.Running,
        "creating" or "starting" or "upgrading" or "renaming" or "resetting-master-credentials" => MemberHealth.Starting,
        _ => MemberHealth.Down,
    };

    // The program names readers <cluster>-<group>-<n> and the first writer <cluster>-writer; Auto Scaling's
    // readers (application-autoscaling-...) join the autoscaled group. A writer that became a reader after
    // a failover serves as a reader of the first group.
    private static string? Group(StackSpec spec, AuroraCell cell, string instance, bool isWriter)
    {
        var prefix = cell.ClusterIdentifier + "-";
        var local = instance.StartsWith(prefix, StringComparison.Ordinal) ? instance[prefix.Length..] : instance;
        var named = spec.ReplicaGroups.FirstOrDefault(g => local.StartsWith(g.Name + "-", StringComparison.Ordinal));
        if (named is not null)
        {
            return named.Name;
        }

        if (instance.StartsWith("application-autoscaling-", StringComparison.Ordinal))
        {
            return (spec.ReplicaGroups.FirstOrDefault(g => g.Autoscaling is not null) ?? spec.ReplicaGroups.FirstOrDefault())?.Name;
        }

        return isWriter ? null : spec.ReplicaGroups.FirstOrDefault()?.Name;
    }
}
