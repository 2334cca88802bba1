using Resilience.LocalCluster.Internal.Supervision.MachineLoss;

namespace Resilience.LocalCluster.Tests.Internal.Supervision.MachineLoss;

/// <summary>Who is woken, and when the supervisor stops following a loss up, after a machine is lost.</summary>
public sealed class MachineLossRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_lost_lock_holder_has_its_lock_released_and_every_survivor_woken()
    {
        Assert.Equal((true, LossWake.Survivors, true), MachineLossRules.FirstReaction("primary-1", "primary-1", ["readers-1", "readers-2"]));
    }

    [Fact]
    public void A_lost_synchronous_standby_wakes_the_leader()
    {
        Assert.Equal((false, LossWake.Leader, true), MachineLossRules.FirstReaction("readers-2", "primary-1", ["readers-1", "readers-2"]));
    }

    [Theory]
    [InlineData("primary-1")] // an asynchronous replica: the leader's commits never waited for it
    [InlineData(null)] // no leader: nobody to drop it from a synchronous set
    public void Any_other_loss_wakes_nobody(string? leader)
    {
        Assert.Equal((false, LossWake.None, false), MachineLossRules.FirstReaction("readers-3", leader, ["readers-1", "readers-2"]));
    }

    [Fact]
    public void A_lost_primary_is_followed_up_until_another_member_holds_the_lock_then_the_followers_are_woken_once()
    {
        var pending = new PendingLoss("primary-1", WasPrimary: true, T0, T0);

        Assert.Equal((LossWake.None, false), MachineLossRules.FollowUp(pending, null, [], T0.AddMilliseconds(100)));
        Assert.Equal((LossWake.Survivors, false), MachineLossRules.FollowUp(pending, null, [], T0 + MachineLossRules.Rewake));
        Assert.Equal((LossWake.Followers, true), MachineLossRules.FollowUp(pending, "readers-1", [], T0.AddMilliseconds(100)));
    }

    [Fact]
    public void A_lost_standby_is_followed_up_until_the_synchronous_set_no_longer_lists_it_then_the_waiting_commits_are_released()
    {
        var pending = new PendingLoss("readers-2", WasPrimary: false, T0, T0);

        Assert.Equal((LossWake.None, false), MachineLossRules.FollowUp(pending, "primary-1", ["readers-1", "readers-2"], T0.AddMilliseconds(100)));
        Assert.Equal((LossWake.Leader, false), MachineLossRules.FollowUp(pending, "primary-1", ["readers-1", "readers-2"], T0 + MachineLossRules.Rewake));
        Assert.Equal((LossWake.WaitingCommits, true), MachineLossRules.FollowUp(pending, "primary-1", ["readers-1"], T0.AddMilliseconds(100)));
        Assert.Equal((LossWake.None, true), MachineLossRules.FollowUp(pending, null, ["readers-1", "readers-2"], T0.AddMilliseconds(100)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_loss_Patroni_has_not_drawn_the_consequences_of_in_time_is_left_to_Patroni(bool wasPrimary)
    {
        var pending = new PendingLoss("readers-2", wasPrimary, T0, T0);

        var (wake, done) = MachineLossRules.FollowUp(pending, wasPrimary ? null : "primary-1", ["readers-2"], T0 + MachineLossRules.GiveUp + TimeSpan.FromMilliseconds(1));

        Assert.Equal(LossWake.None, wake);
        Assert.True(done);
    }
}
