using Microsoft.Extensions.Logging;
using Resilience.LocalCluster.Internal.Alarms;
using Resilience.LocalCluster.Internal.Failover;

namespace Resilience.LocalCluster.Internal.Supervision.Jobs;

/// <summary>
/// Watches for a stack stuck without a primary (<see cref="NoSafeCandidateAlarm"/>): each tick without a running
/// leader it assesses Patroni's keys and the remaining members; the alarm's changes go to the alarm log and, with
/// this tick's other transitions, to the webhook. The alarms job writes its state beside the spec's alarms.
/// </summary>
internal sealed class NoSafeCandidateJob(ClusterEnvironment env, NoSafeCandidateAlarm alarm, ILogger<NoSafeCandidateJob> log) : ISupervisorJob
{
    private readonly AlarmLog _alarmLog = new(env.Layout.AlarmLog, env.Layout.AlarmStates);

    public string Name => "no-safe-failover-candidate";

    public async Task RunAsync(SupervisorTick tick, CancellationToken ct)
    {
        if (!tick.State.AlarmsArmed)
        {
            return; // a stack being built has no primary yet: nothing is stuck
        }

        var assessment = tick.Leader is null ? await new FailoverObserver(env).AssessAsync(tick.State, ct) : null;
        if (alarm.Observe(assessment, env.Time.GetUtcNow()) is { } transition)
        {
            _alarmLog.Append([transition]);
            SupervisorLog.AlarmChanged(log, transition.Alarm, transition.From.ToString(), transition.To.ToString(), transition.Reason);
            tick.Transitions.Add(transition);
        }
    }
}
