using Microsoft.Extensions.Time.Testing;
using Resilience.LocalCluster.Internal.Failover;
using Resilience.LocalCluster.Tests.TestSupport;

namespace Resilience.LocalCluster.Tests.Internal.Failover;

public class NoSafeCandidateAlarmTests
{
    private static readonly FailoverAssessment Stuck = new(false, "no safe failover candidate: the synchronous standby readers-2 was lost with the primary primary-1",
        "readers-3", 49_000, 50_000, 1_000, "./localcluster failover --to readers-3 --accept-data-loss");

    private static readonly FailoverAssessment Promoting = new(true, "failover under way", "readers-2", 50_000, 50_000, 0, null);

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Fires_once_the_condition_held_for_the_grace_with_the_reason_the_lag_and_the_command()
    {
        var alarm = new NoSafeCandidateAlarm(AlarmState.Ok, _time.GetUtcNow());

        Assert.Null(alarm.Observe(Stuck, _time.GetUtcNow()));
        _time.Advance(NoSafeCandidateAlarm.Grace - TimeSpan.FromMilliseconds(250));
        Assert.Null(alarm.Observe(Stuck, _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromMilliseconds(250));
        var t = alarm.Observe(Stuck, _time.GetUtcNow());

        Assert.NotNull(t);
        Assert.Equal(("no-safe-failover-candidate", AlarmState.Ok, AlarmState.Alarm), (t.Alarm, t.From, t.To));
        Assert.Contains("readers-2 was lost", t.Reason, StringComparison.Ordinal);
        Assert.Contains("best candidate: readers-3 received 0/BF68, the lost leader's last recorded position is 0/C350 (etcd /status optime): at least 1000 bytes of WAL missing", t.Reason, StringComparison.Ordinal);
        Assert.Contains("./localcluster failover --to readers-3 --accept-data-loss", t.Reason, StringComparison.Ordinal);
        Assert.Equal(AlarmState.Alarm, alarm.Status.State);
        Assert.Null(alarm.Observe(Stuck, _time.GetUtcNow() + TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void A_normal_failover_never_fires()
    {
        var alarm = new NoSafeCandidateAlarm(AlarmState.Ok, _time.GetUtcNow());
        for (var i = 0; i < 40; i++)
        {
            Assert.Null(alarm.Observe(i % 2 == 0 ? Promoting : null, _time.GetUtcNow()));
            _time.Advance(TimeSpan.FromMilliseconds(250));
        }
    }

    [Fact]
    public void A_moment_of_no_safe_candidate_does_not_fire()
    {
        var alarm = new NoSafeCandidateAlarm(AlarmState.Ok, _time.GetUtcNow());

        Assert.Null(alarm.Observe(Stuck, _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(alarm.Observe(Promoting, _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromSeconds(1.5));
        Assert.Null(alarm.Observe(Stuck, _time.GetUtcNow()));
    }

    [Fact]
    public void Goes_ok_when_a_primary_holds_the_lock_again()
    {
        var alarm = new NoSafeCandidateAlarm(AlarmState.Alarm, _time.GetUtcNow());

        var t = alarm.Observe(null, _time.GetUtcNow());

        Assert.NotNull(t);
        Assert.Equal((AlarmState.Alarm, AlarmState.Ok), (t.From, t.To));
        Assert.Equal(AlarmState.Ok, alarm.Status.State);
    }
}
