using Resilience.HealthProbes.Gate;
using Resilience.HealthProbes.Probes;

namespace Resilience.HealthProbes.Tests.Probes;

public sealed class LeaderMatchTests
{
    private static readonly MemberSample Replica = new(true, false, null, null, 0, null, "streaming", "127.0.0.1", 25401, 1, null);
    private static readonly MemberSample Primary = Replica with { InRecovery = false, WalReceiverStatus = null, SenderHost = null, SenderPort = null };
    private static readonly LeaderView Leader = new("m1", "127.0.0.1", 25401, 1);

    [Fact]
    public void Without_patroni_nothing_is_checked() =>
        Assert.Equal(LeaderCheck.NotChecked, LeaderMatch.Check(false, Replica, null, null, "127.0.0.1", 25402).Check);

    [Fact]
    public void A_replica_streaming_from_the_leader_matches() =>
        Assert.Equal((LeaderCheck.Matches, "streaming from the leader m1 at 127.0.0.1:25401"), LeaderMatch.Check(true, Replica, Leader, null, "127.0.0.1", 25402));

    [Fact]
    public void Localhost_and_127_0_0_1_are_the_same_sender() =>
        Assert.Equal(LeaderCheck.Matches, LeaderMatch.Check(true, Replica with { SenderHost = "localhost" }, Leader, null, "127.0.0.1", 25402).Check);

    [Fact]
    public void A_replica_streaming_from_an_old_primary_does_not_match() =>
        Assert.Equal(
            (LeaderCheck.Mismatch, "streaming from 127.0.0.1:25403, but the leader is m1 at 127.0.0.1:25401"),
            LeaderMatch.Check(true, Replica with { SenderPort = 25403 }, Leader, null, "127.0.0.1", 25402));

    [Fact]
    public void A_hidden_sender_is_unknown_not_a_match()
    {
        var (check, detail) = LeaderMatch.Check(true, Replica with { SenderHost = null, SenderPort = null }, Leader, null, "127.0.0.1", 25402);

        Assert.Equal(LeaderCheck.Unknown, check);
        Assert.Contains("pg_read_all_stats", detail, StringComparison.Ordinal);
    }

    [Fact]
    public void No_leader_is_unknown_with_patroni_reason() =>
        Assert.Equal((LeaderCheck.Unknown, "patroni did not answer"), LeaderMatch.Check(true, Replica, null, "patroni did not answer", "127.0.0.1", 25402));

    [Fact]
    public void A_primary_matches_when_it_is_the_leader() =>
        Assert.Equal(LeaderCheck.Matches, LeaderMatch.Check(true, Primary, Leader, null, "127.0.0.1", 25401).Check);

    [Fact]
    public void A_writable_member_that_is_not_the_leader_does_not_match() =>
        Assert.Equal(
            (LeaderCheck.Mismatch, "writable, but the leader is m1 at 127.0.0.1:25401"),
            LeaderMatch.Check(true, Primary, Leader, null, "127.0.0.1", 25409));
}
