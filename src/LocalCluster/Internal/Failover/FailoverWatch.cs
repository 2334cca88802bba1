using Resilience.LocalCluster.Internal.Alarms;
using Resilience.LocalCluster.Internal.State;
using Resilience.LocalCluster.Internal.Supervision;

namespace Resilience.LocalCluster.Internal.Failover;

/// <summary>
/// The supervisor's job that watches for a stack stuck without a primary (<see cref="NoSafeCandidateAlarm"/>):
/// each tick without a running leader it assesses Patroni's keys and the remaining members, and sends the
/// alarm's changes to the alarm log, the event log and the webhook, like the spec's alarms.
/// </summary>
internal sealed class FailoverWatch(ClusterEnvironment env, AlarmLog alarmLog, WebhookNotifier webhook, EventLog events, AlarmState initial)
{
    private readonly NoSafeCandidateAlarm _alarm = new(initial, env.Time.GetUtcNow());

    /// <summary>The alarm's current state, for the states file <c>status</c> reads.</summary>
    public AlarmStatus Status => _alarm.Status;

    /// <summary>One observation; <paramref name="leader"/> is the running leader Patroni reports, or null.</summary>
    public async Task TickAsync(ClusterState state, string? leader, CancellationToken ct)
    {
        if (!state.AlarmsArmed)
        {
            return; // a stack being built has no primary yet: nothing is stuck
        }

        var assessment = leader is null ? await new FailoverObserver(env).AssessAsync(state, ct) : null;
        if (_alarm.Observe(assessment, env.Time.GetUtcNow()) is { } transition)
        {
            alarmLog.Append([transition]);
            events.Info($"alarm {transition.Alarm}: {transition.From} -> {transition.To} ({transition.Reason})");
            await webhook.NotifyAsync([transition], ct);
        }
    }
}
