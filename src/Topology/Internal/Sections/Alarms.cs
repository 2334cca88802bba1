namespace Resilience.Topology.Internal;

/// <summary>The <c>resilience:alarms</c> section (infra/spec/sections/alarms.ts).</summary>
internal sealed partial class SpecReader
{
    private static IReadOnlyList<AlarmSpec> ReadAlarms(ConfigNode? node, Platform platform)
    {
        if (node is null)
        {
            return SpecDefaults.Alarms;
        }

        var alarms = node.AsList().Select(item => ReadAlarm(item, platform)).ToList();
        RejectDuplicateNames(node, alarms.Select(a => a.Name));
        return alarms;
    }

    private static AlarmSpec ReadAlarm(ConfigNode node, Platform platform)
    {
        var o = node.AsObject();
        var name = Name(o.Required("name"), 255);
        var metricNode = o.Required("metric");
        var metricText = metricNode.AsString();
        var metric = Enum.GetValues<AlarmMetric>().FirstOrDefault(m => CamelCase(m.ToString()) == metricText, (AlarmMetric)(-1));
        if (!Enum.IsDefined(metric))
        {
            throw metricNode.Error($"unknown metric '{metricText}' (known: {string.Join(", ", Enum.GetValues<AlarmMetric>().Select(m => CamelCase(m.ToString())))})");
        }

        var comparison = o.Field("comparison") is { } c
            ? c.AsString() switch
            {
                "greaterThan" => AlarmComparison.GreaterThan,
                "lessThan" => AlarmComparison.LessThan,
                var other => throw c.Error($"must be greaterThan or lessThan, got '{other}'"),
            }
            : AlarmComparison.GreaterThan;
        var isPercent = metric is AlarmMetric.PrimaryCpuPercent or AlarmMetric.ReaderCpuPercent;
        var threshold = o.Required("threshold").AsNumber(0, isPercent ? 100 : double.MaxValue);
        var periodNode = o.Field("periodSeconds");
        var period = periodNode?.AsInt(1, int.MaxValue) ?? SpecDefaults.AlarmPeriodSeconds;
        if (platform == Platform.Aws && period is not (10 or 30) && period % 60 != 0)
        {
            throw periodNode!.Error($"must be 10, 30 or a multiple of 60 on aws, got {period}");
        }

        var evaluations = o.Field("evaluationPeriods")?.AsInt(1, int.MaxValue) ?? SpecDefaults.AlarmEvaluationPeriods;
        o.RejectUnknownFields();
        return new AlarmSpec(name, metric, comparison, threshold, period, evaluations);
    }
}
