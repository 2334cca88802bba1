using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Scenarios.ClusterLoss;
using Resilience.ChaosSuite.Tests.TestSupport;

namespace Resilience.ChaosSuite.Tests.Scenarios.ClusterLoss;

public class ClusterLossRecoveryTests
{
    private static readonly Dictionary<string, int> Desired = new() { ["readers"] = 2 };
    private static readonly HashSet<string> Lost = ["primary-1", "readers-2", "readers-3"];

    [Fact]
    public void An_observation_from_before_the_loss_served_after_it_is_not_a_restored_stack()
    {
        // The platform serves a status up to a few seconds old: the first samples after the kills can still show the lost cluster healthy.
        var stale = Cluster.Of(Cluster.Primary("primary-1", "primary"), Cluster.Replica("readers-2"), Cluster.Replica("readers-3"));

        Assert.False(ClusterLossRecovery.IsRestored(stale, Lost, Desired));
    }

    [Fact]
    public void The_restored_stack_counts_once_its_new_primary_runs_and_every_group_is_back_warm()
    {
        var bootstrapping = Cluster.Of(Cluster.Primary("primary-4", "primary"));
        var copying = Cluster.Of(Cluster.Primary("primary-4", "primary"), Cluster.Replica("readers-5"), Cluster.Replica("readers-6", gateOpen: false, routed: false));
        var restored = Cluster.Of(Cluster.Primary("primary-4", "primary"), Cluster.Replica("readers-5"), Cluster.Replica("readers-6"));

        Assert.False(ClusterLossRecovery.IsRestored(Cluster.Of(), Lost, Desired));
        Assert.False(ClusterLossRecovery.IsRestored(bootstrapping, Lost, Desired));
        Assert.False(ClusterLossRecovery.IsRestored(copying, Lost, Desired));
        Assert.True(ClusterLossRecovery.IsRestored(restored, Lost, Desired));
    }

    [Fact]
    public void A_lost_member_still_listed_beside_the_restored_ones_is_not_restored_yet()
    {
        var mixed = Cluster.Of(Cluster.Primary("primary-4", "primary"), Cluster.Replica("readers-5"), Cluster.Replica("readers-6"), Cluster.Replica("readers-3", health: MemberHealth.Down));

        Assert.False(ClusterLossRecovery.IsRestored(mixed, Lost, Desired));
    }
}
