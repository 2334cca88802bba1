using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Platform.Local;
using Resilience.LocalCluster;
using Cluster = Resilience.LocalCluster;

namespace Resilience.ChaosSuite.Tests.Platform;

public class StatusMappingTests
{
    private static MemberStatus Member(string name, string group, Cluster.MemberRole role, MemberState state, int port, bool gate, bool read, bool write, int? timeline) =>
        new(name, group, role, state, "running", timeline, 0, 0, false, gate, write, read, new MemberPorts(port, port + 1, port + 2), 1, 2, 3, 12.5, "/data", DateTimeOffset.UnixEpoch);

    private static ClusterStatus Status(params MemberStatus[] members) => new(
        "local", "/state", 42, true, [], new EndpointAddress("127.0.0.1", 1), new EndpointAddress("127.0.0.1", 2), members, [],
        [new AlarmStatus("primary-cpu-high", "primaryCpuPercent", Cluster.AlarmState.Alarm, 80, 95, null), new AlarmStatus("replica-lag-high", "replicaLagSeconds", Cluster.AlarmState.InsufficientData, 5, null, null)],
        new Dictionary<string, string>(), "/alarms", "/events", "healthprobes", DateTimeOffset.UnixEpoch);

    [Fact]
    public void Maps_roles_states_gates_identity_and_alarms()
    {
        var observation = StatusMapping.ToObservation(Status(
            Member("primary-1", "primary", Cluster.MemberRole.Primary, MemberState.Running, 28010, false, false, true, 3),
            Member("readers-2", "readers", Cluster.MemberRole.Replica, MemberState.Running, 28013, true, true, false, 3),
            Member("readers-3", "readers", Cluster.MemberRole.Unknown, MemberState.Frozen, 28016, false, false, false, 2),
            Member("readers-4", "readers", Cluster.MemberRole.Replica, MemberState.Unhealthy, 28019, false, false, false, null)));

        var primary = observation.Primary!;
        Assert.Equal("primary-1", primary.Name);
        Assert.Null(primary.Group);
        Assert.True(primary.GateOpen);
        Assert.Equal("28010", primary.ServerIdentity);
        Assert.Equal(new DatabaseEndpoint("127.0.0.1", 28010), primary.DirectEndpoint);
        Assert.Equal(12.5, primary.CpuPercent);
        Assert.Equal(MemberHealth.Down, observation.Find("readers-3")!.Health);
        Assert.Equal(MemberHealth.Starting, observation.Find("readers-4")!.Health);
        Assert.Equal(3, observation.FailoverEpoch);
        Assert.Equal([Resilience.ChaosSuite.Platform.AlarmState.Alarm, Resilience.ChaosSuite.Platform.AlarmState.InsufficientData], observation.Alarms.Select(a => a.State));
    }

    [Fact]
    public void Fresh_routing_replaces_the_status_routing()
    {
        var status = Status(
            Member("primary-1", "primary", Cluster.MemberRole.Primary, MemberState.Running, 28010, false, false, true, 3),
            Member("readers-2", "readers", Cluster.MemberRole.Replica, MemberState.Running, 28013, true, true, false, 3));
        var routing = new EndpointRouting([], ["readers-9"], DateTimeOffset.UnixEpoch);

        var observation = StatusMapping.ToObservation(status, routing, TimeSpan.FromMilliseconds(300));

        Assert.False(observation.Find("readers-2")!.InReadEndpoint);
        Assert.False(observation.Find("primary-1")!.InWriteEndpoint);
        Assert.Equal(TimeSpan.FromMilliseconds(300), observation.Staleness);
    }
}
