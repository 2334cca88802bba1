namespace Resilience.Topology.Internal;

/// <summary>The <c>resilience:gameday</c> section (infra/spec/sections/gameday.ts).</summary>
internal sealed partial class SpecReader
{
    private static GamedaySpec ReadGameday(ConfigNode? node)
    {
        if (node is null)
        {
            return new GamedaySpec(SpecDefaults.Scenarios, SpecDefaults.Schedule);
        }

        var o = node.AsObject();
        IReadOnlyList<string> scenarios = SpecDefaults.Scenarios;
        if (o.Field("scenarios") is { } s)
        {
            var items = s.AsList();
            if (items.Count == 0)
            {
                throw s.Error("needs at least one scenario");
            }

            var seen = new HashSet<string>();
            foreach (var item in items)
            {
                var name = item.AsString();
                if (!Scenarios.All.Contains(name))
                {
                    throw item.Error($"unknown scenario '{name}' (known: {string.Join(", ", Scenarios.All)})");
                }

                if (!seen.Add(name))
                {
                    throw item.Error($"scenario '{name}' is listed twice");
                }
            }

            scenarios = [.. seen];
        }

        var scheduleNode = o.Field("schedule");
        var schedule = scheduleNode?.AsString() ?? SpecDefaults.Schedule;
        if (scheduleNode is not null && CronSchedule.Problem(schedule) is { } problem)
        {
            throw scheduleNode.Error(problem);
        }

        o.RejectUnknownFields();
        return new GamedaySpec(scenarios, schedule);
    }
}
