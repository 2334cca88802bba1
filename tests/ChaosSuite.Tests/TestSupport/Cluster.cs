using Resilience.ChaosSuite.Platform;

namespace Resilience.ChaosSuite.Tests.TestSupport;

/// <summary>Builds synthetic observations: <c>Cluster.Of(Cluster.Primary("pg-1"), Cluster.Replica("pg-2"))</c>.</summary>
public static class Cluster
{
    private static int _nextPort = 5500;

    public static MemberObservation Primary(string name, string? group = null, string? identity = null) =>
        new(name, group, MemberRole.Primary, MemberHealth.Running, true, false, true, null, identity ?? PortOf(name), new DatabaseEndpoint("127.0.0.1", int.Parse(identity ?? PortOf(name), System.Globalization.CultureInfo.InvariantCulture)));

    public static MemberObservation Replica(string name, string group = "readers", bool gateOpen = true, bool routed = true, MemberHealth health = MemberHealth.Running, string? identity = null) =>
        new(name, group, MemberRole.Replica, health, gateOpen, routed, false, 0, identity ?? PortOf(name), null);

    public static ClusterObservation Of(params MemberObservation[] members) => new(members, [], null);

    public static ClusterObservation WithAlarms(this ClusterObservation observation, params (string Name, AlarmState State)[] alarms) =>
        observation with { Alarms = [.. alarms.Select(a => new AlarmObservation(a.Name, a.State))] };

    public static ClusterObservation WithEpoch(this ClusterObservation observation, long epoch) => observation with { FailoverEpoch = epoch };

    /// <summary>A stable fake port per member name, so identities match across observations.</summary>
    public static string PortOf(string name)
    {
        lock (Ports)
        {
            if (!Ports.TryGetValue(name, out var port))
            {
                Ports[name] = port = _nextPort++;
            }

            return port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static readonly Dictionary<string, int> Ports = [];
}
