using Microsoft.Extensions.Time.Testing;
using Resilience.LocalCluster.Internal.Alarms;
using Resilience.LocalCluster.Tests.TestSupport;
using Resilience.Topology;

namespace Resilience.LocalCluster.Tests.Internal.Alarms;

public class AlarmEvaluatorTests
{
    private static readonly AlarmSpec CpuHigh = new("primary-cpu-high", AlarmMetric.PrimaryCpuPercent, AlarmComparison.GreaterThan, 80, PeriodSeconds: 5, EvaluationPeriods: 2);
    private static readonly AlarmSpec WarmLow = new("warm-replicas-low", AlarmMetric.HealthyWarmReplicas, AlarmComparison.LessThan, 1, PeriodSeconds: 5, EvaluationPeriods: 1);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 5, 3, 0, 0, TimeSpan.Zero));

    /// <summary>Records one sample per second of <paramref name="value"/> for <paramref name="seconds"/> seconds, evaluating after each.</summary>
    private List<AlarmTransition> Feed(AlarmEvaluator evaluator, AlarmMetric metric, double value, int seconds)
    {
        var transitions = new List<AlarmTransition>();
        for (var i = 0; i < seconds; i++)
        {
            evaluator.Record(metric, value, _time.GetUtcNow());
            _time.Advance(TimeSpan.FromSeconds(1));
            transitions.AddRange(evaluator.Evaluate(_time.GetUtcNow()));
        }

        return transitions;
    }

    [Fact]
    public void Starts_with_insufficient_data()
    {
        var evaluator = new AlarmEvaluator([CpuHigh], _time.GetUtcNow());

        Assert.Equal(AlarmState.InsufficientData, Assert.Single(evaluator.States).State);
        Assert.Empty(evaluator.Evaluate(_time.GetUtcNow()));
    }

    [Fact]
    public void Goes_ok_after_the_first_period_below_threshold()
    {
        var evaluator = new AlarmEvaluator([CpuHigh], _time.GetUtcNow());

        var changes = Feed(evaluator, AlarmMetric.PrimaryCpuPercent, 20, seconds: 5);

        var change = Assert.Single(changes);
        Assert.Equal((AlarmState.InsufficientData, AlarmState.Ok), (change.From, change.To));
        Assert.Equal(20, change.Value);
        Assert.Equal(_time.GetUtcNow(), change.PeriodEnd);
    }

    [Fact]
    public void Alarms_only_after_every_evaluation_period_breaches()
    {
        var evaluator = new AlarmEvaluator([CpuHigh], _time.GetUtcNow());
        Feed(evaluator, AlarmMetric.PrimaryCpuPercent, 20, seconds: 5);

        var afterOnePeriod = Feed(evaluator, AlarmMetric.PrimaryCpuPercent, 95, seconds: 5);
        var afterTwoPeriods = Feed(evaluator, AlarmMetric.PrimaryCpuPercent, 95, seconds: 5);

        Assert.Empty(afterOnePeriod);
        var change = Assert.Single(afterTwoPeriods);
        Assert.Equal((AlarmState.Ok, AlarmState.Alarm), (change.From, change.To));
        Assert.Contains("[95, 95] > 80", change.Reason, StringComparison.Ordinal);
        Assert.Equal(AlarmState.Alarm, Assert.Single(evaluator.States).State);
    }

    [Fact]
    public void A_period_is_its_average_not_its_peak()
    {
        var evaluator = new AlarmEvaluator([CpuHigh], _time.GetUtcNow());

        // 100, 100, 60, 60, 60 averages 76: no breach even though two samples were far above.
        var changes = new List<AlarmTransition>();
        foreach (var v in new double[] { 100, 100, 60, 60, 60, 100, 100, 60, 60, 60 })
        {
            evaluator.Record(AlarmMetric.PrimaryCpuPercent, v, _time.GetUtcNow());
            _time.Advance(TimeSpan.FromSeconds(1));
            changes.AddRange(evaluator.Evaluate(_time.GetUtcNow()));
        }

        Assert.Equal([AlarmState.Ok], changes.Select(c => c.To));
        Assert.Equal(76, evaluator.States[0].LastValue);
    }

    [Fact]
    public void Returns_to_ok_as_soon_as_one_period_is_back_under()
    {
        var evaluator = new AlarmEvaluator([CpuHigh], _time.GetUtcNow());
        Feed(evaluator, AlarmMetric.PrimaryCpuPercent, 95, seconds: 10);

        var changes = Feed(evaluator, AlarmMetric.PrimaryCpuPercent, 10, seconds: 5);

        Assert.Equal((AlarmState.Alarm, AlarmState.Ok), (Assert.Single(changes).From, changes[0].To));
    }

    [Fact]
    public void Less_than_alarms_fire_below_the_threshold()
    {
        var evaluator = new AlarmEvaluator([WarmLow], _time.GetUtcNow());
        Feed(evaluator, AlarmMetric.HealthyWarmReplicas, 2, seconds: 5);

        var changes = Feed(evaluator, AlarmMetric.HealthyWarmReplicas, 0, seconds: 5);

        Assert.Equal(AlarmState.Alarm, Assert.Single(changes).To);
    }

    [Fact]
    public void One_missing_period_keeps_the_state_and_a_window_of_missing_periods_is_insufficient_data()
    {
        var evaluator = new AlarmEvaluator([CpuHigh, WarmLow], _time.GetUtcNow());
        Feed(evaluator, AlarmMetric.PrimaryCpuPercent, 95, seconds: 10);

        // The primary is unreachable: no CPU samples, only warm-replica samples (which must not count for CPU).
        var oneMissing = Feed(evaluator, AlarmMetric.HealthyWarmReplicas, 2, seconds: 5);
        var stateAfterOne = evaluator.States.Single(s => s.Name == CpuHigh.Name).State;
        var twoMissing = Feed(evaluator, AlarmMetric.HealthyWarmReplicas, 2, seconds: 5);

        Assert.DoesNotContain(oneMissing, c => c.Alarm == CpuHigh.Name);
        Assert.Equal(AlarmState.Alarm, stateAfterOne);
        var change = Assert.Single(twoMissing, c => c.Alarm == CpuHigh.Name);
        Assert.Equal((AlarmState.Alarm, AlarmState.InsufficientData), (change.From, change.To));
    }

    [Fact]
    public void A_restarted_supervisor_keeps_the_previous_state_instead_of_logging_it_again()
    {
        var evaluator = new AlarmEvaluator([CpuHigh], _time.GetUtcNow(), new Dictionary<string, AlarmState> { [CpuHigh.Name] = AlarmState.Alarm });

        var changes = Feed(evaluator, AlarmMetric.PrimaryCpuPercent, 95, seconds: 10);

        Assert.Empty(changes);
        Assert.Equal(AlarmState.Alarm, evaluator.States[0].State);
    }

    [Fact]
    public void Late_samples_of_an_evaluated_period_are_ignored()
    {
        var start = _time.GetUtcNow();
        var evaluator = new AlarmEvaluator([CpuHigh], start);
        Feed(evaluator, AlarmMetric.PrimaryCpuPercent, 20, seconds: 5);

        evaluator.Record(AlarmMetric.PrimaryCpuPercent, 1000, start + TimeSpan.FromSeconds(1));
        Feed(evaluator, AlarmMetric.PrimaryCpuPercent, 20, seconds: 5);

        Assert.Equal(20, evaluator.States[0].LastValue);
    }

    [Fact]
    public void Metric_names_are_camel_case_as_in_the_spec()
    {
        Assert.Equal("healthyWarmReplicas", AlarmEvaluator.MetricName(AlarmMetric.HealthyWarmReplicas));
    }

    [Fact]
    public void The_alarm_log_is_json_lines_that_read_back()
    {
        var dir = Directory.CreateTempSubdirectory("lc-alarms-").FullName;
        try
        {
            var log = new AlarmLog(Path.Combine(dir, "alarms.jsonl"), Path.Combine(dir, "alarms.json"));
            var evaluator = new AlarmEvaluator([CpuHigh], _time.GetUtcNow());
            log.Append(Feed(evaluator, AlarmMetric.PrimaryCpuPercent, 20, seconds: 5));
            log.Append(Feed(evaluator, AlarmMetric.PrimaryCpuPercent, 95, seconds: 10));
            log.WriteStates(evaluator.States);

            var lines = File.ReadAllLines(Path.Combine(dir, "alarms.jsonl"));
            Assert.Equal(2, lines.Length);
            Assert.Contains("\"to\":\"alarm\"", lines[1], StringComparison.Ordinal);
            Assert.Equal([AlarmState.Ok, AlarmState.Alarm], AlarmLog.ReadLog(Path.Combine(dir, "alarms.jsonl")).Select(t => t.To));
            Assert.Equal(AlarmState.Alarm, Assert.Single(AlarmLog.ReadStates(Path.Combine(dir, "alarms.json"))).State);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
