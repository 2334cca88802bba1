using Microsoft.Extensions.Logging;
using Resilience.LocalCluster.Internal.Alarms;
using Resilience.LocalCluster.Internal.Failover;
using Resilience.Topology;

namespace Resilience.LocalCluster.Internal.Supervision.Jobs;

/// <summary>
/// Evaluates the spec's alarms every tick from the samples (armed once the stack first reached its desired
/// state, so a cluster still starting does not alarm), and appends every state change to the alarm log.
/// </summary>
internal sealed class AlarmsJob : ISupervisorJob
{
    private static readonly AlarmMetric[] MeasuredMetrics =
    [
        AlarmMetric.PrimaryCpuPercent, AlarmMetric.ReaderCpuPercent, AlarmMetric.ReplicaLagSeconds,
        AlarmMetric.HealthyWarmReplicas, AlarmMetric.Connections, AlarmMetric.DbLoad, AlarmMetric.FreeableMemoryBytes,
        AlarmMetric.CommitLatencyMs,
    ];

    private readonly ClusterEnvironment _env;
    private readonly EventLog _events;
    private readonly ILogger<AlarmsJob> _log;
    private readonly AlarmLog _alarmLog;
    private readonly AlarmEvaluator _alarms;
    private readonly NoSafeCandidateAlarm _noSafeCandidate;

    public AlarmsJob(ClusterEnvironment env, EventLog events, NoSafeCandidateAlarm noSafeCandidate, ILogger<AlarmsJob> log)
    {
        _noSafeCandidate = noSafeCandidate;
        _env = env;
        _events = events;
        _log = log;
        _alarmLog = new AlarmLog(env.Layout.AlarmLog, env.Layout.AlarmStates);
        var previous = AlarmLog.ReadStates(env.Layout.AlarmStates).ToDictionary(a => a.Name, a => a.State);
        _alarms = new AlarmEvaluator(env.Spec.Alarms, env.Time.GetUtcNow(), previous);
        foreach (var alarm in env.Spec.Alarms.Where(a => !MeasuredMetrics.Contains(a.Metric)))
        {
            SupervisorLog.AlarmNotMeasured(log, alarm.Name, AlarmEvaluator.MetricName(alarm.Metric));
        }
    }

    public string Name => "alarms";

    /// <summary>The spec's alarms and the built-in one (status shows them together).</summary>
    private IReadOnlyList<AlarmStatus> States => [.. _alarms.States, _noSafeCandidate.Status];

    public async Task RunAsync(SupervisorTick tick, CancellationToken ct)
    {
        if (tick.Sample is { } sample)
        {
            var state = tick.State;
            if (!state.AlarmsArmed && tick.Leader is not null
                && sample.Values.GetValueOrDefault(AlarmMetric.HealthyWarmReplicas) >= state.DesiredByGroup.Values.Sum() - 1)
            {
                await _env.Store.UpdateAsync(s => s.AlarmsArmed = true, ct);
                state.AlarmsArmed = true;
                _events.Record("alarms-armed", null, null, "the stack reached its desired state once; alarms are evaluated from now on");
            }

            if (state.AlarmsArmed)
            {
                foreach (var (metric, value) in sample.Values)
                {
                    _alarms.Record(metric, value, sample.At);
                }
            }

            _alarmLog.WriteStates(States);
        }

        var transitions = _alarms.Evaluate(_env.Time.GetUtcNow());
        if (transitions.Count > 0)
        {
            _alarmLog.Append(transitions);
            _alarmLog.WriteStates(States);
            foreach (var t in transitions)
            {
                SupervisorLog.AlarmChanged(_log, t.Alarm, t.From.ToString(), t.To.ToString(), t.Reason);
            }

            tick.Transitions.AddRange(transitions);
        }
        else if (tick.Transitions.Count > 0)
        {
            _alarmLog.WriteStates(States); // the built-in alarm changed this tick: status shows it at once
        }
    }
}
