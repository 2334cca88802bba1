using Resilience.HealthProbes.Gate;
using Resilience.HealthProbes.Probes;
using Resilience.HealthProbes.Warmup;

namespace Resilience.HealthProbes.Tests.Probes;

/// <summary>The endpoints' answers, including the rule that an observation older than the timeout fails every probe.</summary>
public sealed class ProbeAnswersTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);
    private static readonly MemberSample Replica = new(true, false, null, null, 0, null, "streaming", "127.0.0.1", 1, 1, null);
    private static readonly GateState OpenGate = new(true, "streaming, lag 0.0 s <= 1 s, warm", S(1), S(0), null);

    private static readonly MemberSnapshot Fresh = new(
        S(10), TimeSpan.FromMilliseconds(5), Replica, null, null, LeaderCheck.NotChecked, null, 0, WarmupView.Waiting, OpenGate);

    [Fact]
    public void Before_the_first_observation_every_probe_fails()
    {
        Assert.Equal(new ProbeAnswer(false, "starting: no observation yet"), ProbeAnswers.Ready(null, S(1), Timeout));
        Assert.False(ProbeAnswers.Live(null, S(1), Timeout).Ok);
        Assert.False(ProbeAnswers.Primary(null, S(1), Timeout).Ok);
    }

    [Fact]
    public void A_fresh_observation_answers_with_the_gate()
    {
        Assert.Equal(new ProbeAnswer(true, OpenGate.Reason), ProbeAnswers.Ready(Fresh, S(10.5), Timeout));
        Assert.Equal(new ProbeAnswer(true, "accepting connections"), ProbeAnswers.Live(Fresh, S(10.5), Timeout));
        Assert.Equal(new ProbeAnswer(false, "replica: in recovery"), ProbeAnswers.Primary(Fresh, S(10.5), Timeout));
    }

    [Fact]
    public void No_observation_completed_within_the_timeout_fails_every_probe()
    {
        // Completed at 10.005 s; at 11.1 s nothing newer has completed: the database hangs.
        var ready = ProbeAnswers.Ready(Fresh, S(11.1), Timeout);

        Assert.Equal(new ProbeAnswer(false, "database not answering: no observation completed for 1.1 s (timeout 1000 ms)"), ready);
        Assert.False(ProbeAnswers.Live(Fresh, S(11.1), Timeout).Ok);
        Assert.Equal(ready, ProbeAnswers.Primary(Fresh with { Sample = Replica with { InRecovery = false } }, S(11.1), Timeout));
    }

    [Fact]
    public void A_failed_observation_fails_live_and_primary_with_its_reason()
    {
        var failed = Fresh with { Sample = null, DatabaseProblem = "no answer within 1000 ms" };

        Assert.Equal(new ProbeAnswer(false, "database not answering: no answer within 1000 ms"), ProbeAnswers.Live(failed, S(10.1), Timeout));
        Assert.Equal(new ProbeAnswer(false, "database not answering: no answer within 1000 ms"), ProbeAnswers.Primary(failed, S(10.1), Timeout));
    }

    [Theory]
    [InlineData(LeaderCheck.NotChecked, true, "writable primary")]
    [InlineData(LeaderCheck.Matches, true, "writable primary; this member is the leader m1")]
    [InlineData(LeaderCheck.Mismatch, false, "this member is the leader m1")]
    [InlineData(LeaderCheck.Unknown, false, "cannot confirm leadership: this member is the leader m1")]
    public void Primary_requires_the_leadership_patroni_reports(LeaderCheck check, bool ok, string reason)
    {
        var primary = Fresh with { Sample = Replica with { InRecovery = false }, LeaderCheck = check, LeaderDetail = "this member is the leader m1" };

        Assert.Equal(new ProbeAnswer(ok, reason), ProbeAnswers.Primary(primary, S(10.1), Timeout));
    }

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);
}
