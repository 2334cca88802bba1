using Resilience.LocalCluster.Internal.Status;

namespace Resilience.LocalCluster.Tests.Internal.Status;

public class SteadyStateTests
{
    private static MemberStatus Member(string name, MemberRole role, MemberState state = MemberState.Running, bool gate = true, bool read = true, bool write = false, string group = "readers") =>
        new(name, group, role, state, "running", 1, 0, 0, false, gate, write, read, new MemberPorts(1, 2, 3), 10, 11, 12, 1, "/d", DateTimeOffset.UnixEpoch);

    private static MemberStatus Primary(bool write = true) => Member("primary-1", MemberRole.Primary, gate: false, read: false, write: write, group: "primary");

    private static readonly GroupStatus[] Groups = [new("primary", 1, 1, 1, 1, 0), new("readers", 2, 1, 3, 2, 2)];

    [Fact]
    public void Primary_in_write_endpoint_and_warm_replicas_in_read_endpoint_is_steady()
    {
        var reasons = SteadyState.Reasons(true, [Primary(), Member("readers-2", MemberRole.Replica), Member("readers-3", MemberRole.Replica)], Groups);

        Assert.Empty(reasons);
    }

    [Fact]
    public void Every_shortfall_is_named()
    {
        var members = new[]
        {
            Primary(write: false),
            Member("readers-2", MemberRole.Replica, gate: false, read: false),
            Member("readers-3", MemberRole.Replica, gate: true, read: false),
        };

        var reasons = SteadyState.Reasons(false, members, [new("primary", 1, 1, 1, 1, 0), new("readers", 3, 1, 3, 2, 0)]);

        Assert.Equal(
        [
            "the supervisor is not running",
            "primary-1: primary, not yet in the write endpoint",
            "group readers: 2 of 3 members",
            "readers-2: warm-up gate closed",
            "readers-3: gate open, not yet in the read endpoint",
        ], reasons);
    }

    [Fact]
    public void A_frozen_member_or_a_second_primary_is_not_steady()
    {
        var frozen = SteadyState.Reasons(true, [Primary(), Member("readers-2", MemberRole.Unknown, MemberState.Frozen), Member("readers-3", MemberRole.Replica)], Groups);
        var split = SteadyState.Reasons(true, [Primary(), Member("readers-2", MemberRole.Primary, write: true, read: false), Member("readers-3", MemberRole.Replica)], Groups);

        Assert.Contains("readers-2: frozen (running)", frozen);
        Assert.Contains("2 primaries: primary-1, readers-2", split);
    }

    [Fact]
    public void No_primary_is_not_steady()
    {
        Assert.Contains("no running primary", SteadyState.Reasons(true, [Member("readers-2", MemberRole.Replica)], Groups));
    }
}
