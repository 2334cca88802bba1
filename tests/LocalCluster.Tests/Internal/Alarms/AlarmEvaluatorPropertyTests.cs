using CsCheck;
using Resilience.LocalCluster.Internal.Alarms;
using Resilience.Topology;

namespace Resilience.LocalCluster.Tests.Internal.Alarms;

/// <summary>
/// The alarm evaluator against CloudWatch's rule over random alarms and random sample streams (with gaps): the
/// datapoints are recomputed here from the samples (the mean per period aligned to the origin), and the state after
/// every evaluation must follow from the last <c>evaluationPeriods</c> of them.
/// </summary>
public class AlarmEvaluatorPropertyTests
{
    private static readonly DateTimeOffset Origin = new(2026, 1, 5, 3, 0, 0, TimeSpan.Zero);

    private static readonly Gen<AlarmSpec> Alarms =
        Gen.Select(Gen.Enum<AlarmComparison>(), Gen.Int[0, 100], Gen.Int[1, 5], Gen.Int[1, 4], (comparison, threshold, period, periods) =>
            new AlarmSpec("a", AlarmMetric.PrimaryCpuPercent, comparison, threshold, period, periods));

    // Per second: no sample (a gap) or one or two samples; values cluster around the threshold so both sides occur.
    private static readonly Gen<double[]> Seconds = Gen.Int[0, 100].Select(v => (double)v).Array[0, 2];

    [Fact]
    public void The_state_follows_from_the_last_evaluation_periods_datapoints()
    {
        Gen.Select(Alarms, Seconds.Array[1, 60]).Sample((alarm, seconds) =>
        {
            var evaluator = new AlarmEvaluator([alarm], Origin);
            var samples = new List<(double At, double Value)>();
            var state = AlarmState.InsufficientData;
            for (var i = 0; i < seconds.Length; i++)
            {
                foreach (var (value, k) in seconds[i].Select((v, k) => (v, k)))
                {
                    var at = i + 0.25 + (0.5 * k); // inside the second, never on a period boundary
                    samples.Add((at, value));
                    evaluator.Record(alarm.Metric, value, Origin.AddSeconds(at));
                }

                var now = Origin.AddSeconds(i + 1);
                var before = state;
                foreach (var t in evaluator.Evaluate(now))
                {
                    Assert.Equal(state, t.From);
                    Assert.NotEqual(t.From, t.To);
                    Assert.DoesNotContain('\n', t.Reason);
                    state = t.To;
                }

                Assert.Equal(state, Assert.Single(evaluator.States).State);
                var closed = (i + 1) / alarm.PeriodSeconds;
                var last = Enumerable.Range(0, closed).TakeLast(alarm.EvaluationPeriods)
                    .Select(p => Mean(samples.Where(s => s.At >= p * alarm.PeriodSeconds && s.At < (p + 1) * alarm.PeriodSeconds)))
                    .ToList();
                var present = last.Where(d => d is not null).Select(d => d!.Value).ToList();
                if (present.Count == 0)
                {
                    Assert.Equal(AlarmState.InsufficientData, state);
                }
                else if (present.Any(v => !alarm.IsBreachedBy(v)))
                {
                    Assert.Equal(AlarmState.Ok, state);
                }
                else if (present.Count == alarm.EvaluationPeriods)
                {
                    Assert.Equal(AlarmState.Alarm, state);
                }
                else
                {
                    // Every datapoint breaches but some are missing: not enough to alarm, nothing to clear it either.
                    Assert.Equal(before, state);
                }
            }
        }, iter: 1000);
    }

    private static double? Mean(IEnumerable<(double At, double Value)> samples)
    {
        var values = samples.Select(s => s.Value).ToList();
        return values.Count == 0 ? null : values.Average();
    }
}
