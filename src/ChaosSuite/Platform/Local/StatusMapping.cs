using System.Globalization;
using Resilience.LocalCluster;
using Cluster = Resilience.LocalCluster;

namespace Resilience.ChaosSuite.Platform.Local;

/// <summary>LocalCluster's status in the platform-neutral shape of <see cref="ClusterObservation"/>.</summary>
internal static class StatusMapping
{
    public static ClusterObservation ToObservation(ClusterStatus status, EndpointRouting? routing = null, TimeSpan? staleness = null)
    {
        var members = status.Members.Select(ToMember).ToList();
        if (routing is not null)
        {
            members = [.. members.Select(m => m with { InReadEndpoint = routing.Read.Contains(m.Name), InWriteEndpoint = routing.Write.Contains(m.Name) })];
        }

        var leaderTimeline = status.Primary?.Timeline;
        long? epoch = leaderTimeline ?? status.Members.Select(m => m.Timeline).Max();
        var alarms = status.Alarms.Select(a => new AlarmObservation(a.Name, a.State switch
        {
            Cluster.AlarmState.Alarm => AlarmState.Alarm,
            Cluster.AlarmState.Ok => AlarmState.Ok,
            _ => AlarmState.InsufficientData,
        })).ToList();
        return new ClusterObservation(members, alarms, epoch, staleness);
    }

    public static MemberObservation ToMember(MemberStatus m)
    {
        var role = m.Role switch
        {
            Cluster.MemberRole.Primary => MemberRole.Primary,
            Cluster.MemberRole.Replica => MemberRole.Replica,
            _ => MemberRole.Unknown,
        };
        var health = m.State switch
        {
            MemberState.Running => MemberHealth.Running,
            MemberState.Starting or MemberState.Unhealthy => MemberHealth.Starting,
            _ => MemberHealth.Down,
        };
        return new MemberObservation(
            m.Name,
            m.Group == LocalPlatformConstants.PrimaryGroup ? null : m.Group,
            role,
            health,
            role == MemberRole.Primary || m.GateOpen,
            m.InReadEndpoint,
            m.InWriteEndpoint,
            m.LagSeconds,
            m.Ports.Postgres.ToString(CultureInfo.InvariantCulture),
            new DatabaseEndpoint("127.0.0.1", m.Ports.Postgres),
            m.CpuPercent,
            m.CreatedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
    }
}
