using Resilience.LocalCluster.Internal.Alarms;

namespace Resilience.LocalCluster.Internal.Failover;

/// <summary>
/// The built-in alarm <c>no-safe-failover-candidate</c>: ALARM when the leader lock has been free for
/// <see cref="Grace"/> with nobody Patroni may promote (a double fault: the synchronous standbys lost with the
/// primary, or only stale replicas left), so the stack never sits without a primary silently; OK again once a
/// primary runs or a safe candidate appears. It goes to the same alarm log and webhook as the spec's alarms.
/// Pure: time and the assessment are passed in.
/// </summary>
internal sealed class NoSafeCandidateAlarm(AlarmState initial, DateTimeOffset since)
{
    public const string Name = "no-safe-failover-candidate";
    public const string Metric = "safeFailoverCandidates";

    /// <summary>How long the condition must hold: Patroni rewrites its keys within a loop, so a moment's view is not trusted.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    private DateTimeOffset? _breachingSince;

    /// <summary>The alarm in the state the states file last recorded (a restarted supervisor keeps an ALARM).</summary>
    public static NoSafeCandidateAlarm Restore(ClusterEnvironment env)
    {
        ArgumentNullException.ThrowIfNull(env);
        var previous = AlarmLog.ReadStates(env.Layout.AlarmStates).FirstOrDefault(a => a.Name == Name);
        return new NoSafeCandidateAlarm(previous?.State ?? AlarmState.Ok, previous?.Since ?? env.Time.GetUtcNow());
    }

    /// <summary>The current state, as <c>status</c> shows it beside the spec's alarms.</summary>
    public AlarmStatus Status { get; private set; } = new(Name, Metric, initial, 1, null, since);

    /// <summary>Feeds one observation (<paramref name="assessment"/> null: a leader holds the lock); returns the state change, if any.</summary>
    public AlarmTransition? Observe(FailoverAssessment? assessment, DateTimeOffset now)
    {
        var breaching = assessment is { SafeCandidateExists: false };
        if (!breaching)
        {
            _breachingSince = null;
            return Status.State == AlarmState.Ok ? null : Move(AlarmState.Ok, 1, now,
                assessment is null ? "a primary holds the leader lock" : assessment.Reason);
        }

        _breachingSince ??= now;
        return Status.State != AlarmState.Alarm && now - _breachingSince >= Grace ? Move(AlarmState.Alarm, 0, now, Describe(assessment!)) : null;
    }

    private static string Describe(FailoverAssessment a)
    {
        var behind = a.BestCandidate is { } best ? "; best candidate: " + FailoverAssessment.DescribeLoss(best, a.CandidateReceivedPosition, a.LeaderLastPosition) : "";
        var accept = a.AcceptCommand is null ? "" : $"; to accept that loss: {a.AcceptCommand}";
        return a.Reason + behind + accept;
    }

    private AlarmTransition Move(AlarmState to, double value, DateTimeOffset now, string reason)
    {
        var transition = new AlarmTransition(Name, Metric, Status.State, to, value, 1, now, now, reason);
        Status = new AlarmStatus(Name, Metric, to, 1, value, now);
        return transition;
    }
}
