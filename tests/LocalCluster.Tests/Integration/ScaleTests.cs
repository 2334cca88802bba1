using Resilience.LocalCluster.Tests.TestSupport;
using Xunit.Abstractions;

namespace Resilience.LocalCluster.Tests.Integration;

/// <summary>Scaling a group out and back in, within the spec's min..max.</summary>
[Collection(SharedClusterCollection.Name)]
public sealed class ScaleTests(SharedClusterFixture cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task Scale_out_adds_a_warm_member_and_scale_in_removes_a_replica_never_the_primary()
    {
        var controller = cluster.Controller;
        var before = await controller.WaitForSteadyAsync(TestTimeouts.Replacement);
        var group = cluster.Spec.ReplicaGroups[0];
        var primary = before.Primary!.Name;

        var wider = await controller.ScaleAsync(group.Name, group.Size.Max);
        var added = wider.Members.Where(m => before.FindMember(m.Name) is null).ToList();
        var back = await controller.ScaleAsync(group.Name, group.Size.Desired);
        output.WriteLine($"scaled {group.Name} {group.Size.Desired} -> {group.Size.Max} -> {group.Size.Desired}");

        Assert.Equal(group.Size.Max, wider.Groups.Single(g => g.Name == group.Name).Members);
        Assert.All(added, m => Assert.True(m.GateOpen && m.InReadEndpoint));
        Assert.Equal(group.Size.Desired, back.Groups.Single(g => g.Name == group.Name).Members);
        Assert.Equal(primary, back.Primary!.Name);
        Assert.Equal(before.Members.Count, back.Members.Count);
    }
}
