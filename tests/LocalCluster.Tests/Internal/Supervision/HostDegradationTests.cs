using Resilience.LocalCluster.Internal;
using Resilience.LocalCluster.Internal.Posix;
using Resilience.LocalCluster.Internal.State;
using Resilience.LocalCluster.Internal.Supervision;
using Resilience.LocalCluster.Tests.TestSupport;
using Resilience.Topology;

namespace Resilience.LocalCluster.Tests.Internal.Supervision;

/// <summary>
/// The CPU groups of two stacks of the same name (a test's copy of a stack beside the real one) are told apart by
/// their port bases: lifting one stack's leftovers never lifts the other's. Uses the machine's real CPU hierarchy
/// (as root), with empty groups: no process is capped.
/// </summary>
public sealed class HostDegradationTests
{
    [Fact]
    public void Two_stacks_of_one_name_on_different_port_bases_have_different_groups_and_neither_prefix_matches_the_other()
    {
        var a = State("local", 2540);
        var b = State("local", 25400);

        Assert.NotEqual(HostDegradation.GroupName(a, "primary-1"), HostDegradation.GroupName(b, "primary-1"));
        Assert.False(HostDegradation.GroupName(b, "primary-1").StartsWith(HostDegradation.GroupName(a, ""), StringComparison.Ordinal));
        Assert.Equal("resilience-local-25400-readers-2", HostDegradation.GroupName(b, "readers-2"));
    }

    [Fact]
    public void Lifting_one_stacks_leftovers_leaves_the_same_named_stacks_group_alone()
    {
        var hierarchy = CpuCgroup.FindHierarchy();
        var mine = State("degradetest", 31790);
        var other = State("degradetest", 31795);
        var otherGroup = CpuCgroup.Open(hierarchy, HostDegradation.GroupName(other, "primary-1"));
        var myGroup = CpuCgroup.Open(hierarchy, HostDegradation.GroupName(mine, "primary-1"));
        try
        {
            Assert.Equal(1, HostDegradation.ReleaseLeftovers(mine));

            Assert.False(Directory.Exists(myGroup.Path), $"{myGroup.Path} is left behind");
            Assert.True(Directory.Exists(otherGroup.Path), $"{otherGroup.Path} of the other stack was lifted too");
        }
        finally
        {
            myGroup.Release();
            otherGroup.Release();
        }
    }

    private static ClusterState State(string stack, int portBase) => new()
    {
        Stack = stack, StackFile = RepoPaths.LocalStackFile, Scope = $"resilience-{stack}", PortBase = portBase, SlotCount = 8,
        Patroni = new PatroniTiming(6, 1, 2), Haproxy = new HaproxyTiming(250, 2, 1), PgBinDir = "/nonexistent", GateSource = LocalClusterConstants.GatePatroni,
    };
}
