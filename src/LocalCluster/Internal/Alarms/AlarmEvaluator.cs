using System.Globalization;
using System.Text.Json;
using Resilience.Topology;

namespace Resilience.LocalCluster.Internal.Alarms;

/// <summary>
/// Evaluates the spec's alarms the way CloudWatch does: samples are averaged per period (aligned to the
/// evaluator's start); an alarm is ALARM when its last <c>evaluationPeriods</c> datapoints all breach, OK as
/// soon as one of them does not, and INSUFFICIENT_DATA while it has no datapoints. Pure: time is passed in.
/// </summary>
internal sealed class AlarmEvaluator
{
    private readonly DateTimeOffset _origin;
    private readonly List<Tracked> _alarms;

    public AlarmEvaluator(IEnumerable<AlarmSpec> alarms, DateTimeOffset origin, IReadOnlyDictionary<string, AlarmState>? initial = null)
    {
        _origin = origin;
        _alarms = alarms.Select(a => new Tracked(a, initial?.GetValueOrDefault(a.Name) ?? AlarmState.InsufficientData, origin)).ToList();
    }

    /// <summary>The metric name as the spec writes it (<c>primaryCpuPercent</c>).</summary>
    public static string MetricName(AlarmMetric metric) => JsonNamingPolicy.CamelCase.ConvertName(metric.ToString());

    /// <summary>Records one sample of <paramref name="metric"/> taken at <paramref name="at"/>.</summary>
    public void Record(AlarmMetric metric, double value, DateTimeOffset at)
    {
        foreach (var a in _alarms.Where(a => a.Spec.Metric == metric))
        {
            var period = PeriodIndex(a.Spec, at);
            if (period < a.NextPeriod)
            {
                continue; // late sample for a period already evaluated
            }

            var (sum, count) = a.Buckets.GetValueOrDefault(period);
            a.Buckets[period] = (sum + value, count + 1);
        }
    }

    /// <summary>Closes every period that ended by <paramref name="now"/> and returns the state changes, oldest first.</summary>
    public IReadOnlyList<AlarmTransition> Evaluate(DateTimeOffset now)
    {
        var changes = new List<AlarmTransition>();
        foreach (var a in _alarms)
        {
            var current = PeriodIndex(a.Spec, now);
            for (; a.NextPeriod < current; a.NextPeriod++)
            {
                double? datapoint = a.Buckets.Remove(a.NextPeriod, out var b) ? b.Sum / b.Count : null;
                a.Datapoints.Add(datapoint);
                if (a.Datapoints.Count > a.Spec.EvaluationPeriods)
                {
                    a.Datapoints.RemoveAt(0);
                }

                if (datapoint is not null)
                {
                    a.LastValue = datapoint;
                }

                var next = Decide(a);
                if (next != a.State)
                {
                    var periodEnd = _origin + TimeSpan.FromSeconds((a.NextPeriod + 1) * (double)a.Spec.PeriodSeconds);
                    changes.Add(new AlarmTransition(a.Spec.Name, MetricName(a.Spec.Metric), a.State, next, a.LastValue, a.Spec.Threshold, now, periodEnd, Reason(a, next)));
                    a.State = next;
                    a.Since = now;
                }
            }
        }

        return changes;
    }

    /// <summary>Every alarm's current state.</summary>
    public IReadOnlyList<AlarmStatus> States =>
        _alarms.Select(a => new AlarmStatus(a.Spec.Name, MetricName(a.Spec.Metric), a.State, a.Spec.Threshold, a.LastValue, a.Since)).ToList();

    private long PeriodIndex(AlarmSpec spec, DateTimeOffset at) =>
        (long)Math.Floor((at - _origin).TotalSeconds / spec.PeriodSeconds);

    private static AlarmState Decide(Tracked a)
    {
        var present = a.Datapoints.Where(d => d is not null).Select(d => d!.Value).ToList();
        if (present.Count == 0)
        {
            return AlarmState.InsufficientData;
        }

        if (present.Any(v => !a.Spec.IsBreachedBy(v)))
        {
            return AlarmState.Ok;
        }

        // Every datapoint we have breaches: ALARM once there are enough of them; with gaps, keep the state.
        return present.Count >= a.Spec.EvaluationPeriods ? AlarmState.Alarm
            : a.State == AlarmState.InsufficientData ? AlarmState.InsufficientData : a.State;
    }

    private static string Reason(Tracked a, AlarmState next)
    {
        var points = string.Join(", ", a.Datapoints.Select(d => d is null ? "missing" : d.Value.ToString("0.##", CultureInfo.InvariantCulture)));
        var op = a.Spec.Comparison == AlarmComparison.GreaterThan ? ">" : "<";
        return next switch
        {
            AlarmState.Alarm => $"threshold crossed: last {a.Spec.EvaluationPeriods} datapoint(s) [{points}] {op} {a.Spec.Threshold.ToString(CultureInfo.InvariantCulture)}",
            AlarmState.Ok => $"datapoints [{points}] not all {op} {a.Spec.Threshold.ToString(CultureInfo.InvariantCulture)}",
            _ => "no datapoints",
        };
    }

    private sealed class Tracked(AlarmSpec spec, AlarmState state, DateTimeOffset since)
    {
        public AlarmSpec Spec { get; } = spec;
        public AlarmState State { get; set; } = state;
        public DateTimeOffset? Since { get; set; } = since;
        public double? LastValue { get; set; }
        public long NextPeriod { get; set; }
        public Dictionary<long, (double Sum, int Count)> Buckets { get; } = [];
        public List<double?> Datapoints { get; } = [];
    }
}

/// <summary>One alarm state change, as appended to the alarm log.</summary>
internal sealed record AlarmTransition(
    string Alarm,
    string Metric,
    AlarmState From,
    AlarmState To,
    double? Value,
    double Threshold,
    DateTimeOffset At,
    DateTimeOffset PeriodEnd,
    string Reason);
