using Resilience.LocalCluster.Internal.Failover;

namespace Resilience.LocalCluster.Tests.Internal.Failover;

public class FailoverSafetyTests
{
    private const long MaxLag = 1048576;

    private static FailoverAssessment Assess(DcsFailoverView dcs, params CandidatePosition[] candidates) =>
        FailoverSafety.Assess(dcs, candidates, MaxLag, m => $"failover --to {m} --accept-data-loss");

    [Fact]
    public void A_remaining_synchronous_standby_is_safe_and_nothing_is_to_be_accepted()
    {
        var dcs = new DcsFailoverView(true, "primary-1", ["readers-2", "readers-3"], 50_000);

        var a = Assess(dcs, new CandidatePosition("readers-3", 50_000));

        Assert.True(a.SafeCandidateExists);
        Assert.Null(a.AcceptCommand);
    }

    [Fact]
    public void The_synchronous_standby_lost_with_the_primary_leaves_no_safe_candidate()
    {
        var dcs = new DcsFailoverView(true, "primary-1", ["readers-2"], 50_000);

        var a = Assess(dcs, new CandidatePosition("readers-3", 49_000));

        Assert.False(a.SafeCandidateExists);
        Assert.Equal("readers-3", a.BestCandidate);
        Assert.Equal(1_000, a.BytesBehind);
        Assert.Equal(50_000, a.LeaderLastPosition);
        Assert.Equal("failover --to readers-3 --accept-data-loss", a.AcceptCommand);
        Assert.Contains("the synchronous standby readers-2 was lost with the primary primary-1", a.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_best_candidate_is_the_one_that_received_most()
    {
        var dcs = new DcsFailoverView(true, "primary-1", ["readers-2"], 90_000);

        var a = Assess(dcs, new CandidatePosition("readers-3", 70_000), new CandidatePosition("readers-4", 80_000), new CandidatePosition("readers-5", null));

        Assert.Equal("readers-4", a.BestCandidate);
        Assert.Equal(10_000, a.BytesBehind);
    }

    [Fact]
    public void Every_member_lost_leaves_nothing_to_promote_and_no_command()
    {
        var a = Assess(new DcsFailoverView(true, "primary-1", ["readers-2"], 50_000));

        Assert.False(a.SafeCandidateExists);
        Assert.Null(a.BestCandidate);
        Assert.Null(a.AcceptCommand);
        Assert.Contains("no member is left to promote", a.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(50_000 - MaxLag, true)]
    [InlineData(50_000 - MaxLag - 1, false)]
    public void Without_a_sync_record_replicas_within_maximum_lag_on_failover_are_safe(long position, bool safe)
    {
        var dcs = new DcsFailoverView(false, null, [], 50_000);

        Assert.Equal(safe, Assess(dcs, new CandidatePosition("readers-3", position)).SafeCandidateExists);
    }

    [Fact]
    public void A_sync_key_without_a_leader_falls_back_to_the_lag_rule_as_patroni_does()
    {
        var dcs = new DcsFailoverView(true, null, [], 50_000);

        Assert.True(Assess(dcs, new CandidatePosition("readers-3", 50_000)).SafeCandidateExists);
    }

    [Fact]
    public void The_loss_is_a_lower_bound_from_the_leaders_last_recorded_position()
    {
        Assert.Equal("r received 0/64, the lost leader's last recorded position is 0/C8 (etcd /status optime): at least 100 bytes of WAL missing, and writes acknowledged after that record may be missing too",
            FailoverAssessment.DescribeLoss("r", 100, 200));
        Assert.StartsWith("r received 0/C8, at or past the lost leader's last recorded position 0/C8", FailoverAssessment.DescribeLoss("r", 200, 200), StringComparison.Ordinal);
        Assert.EndsWith("so the loss is unknown", FailoverAssessment.DescribeLoss("r", 200, null), StringComparison.Ordinal);
    }

    [Fact]
    public void Positions_print_as_postgres_lsns()
    {
        Assert.Equal("0/3000148", FailoverAssessment.FormatLsn(0x3000148));
        Assert.Equal("1/A0", FailoverAssessment.FormatLsn(0x1_0000_00A0));
    }
}
