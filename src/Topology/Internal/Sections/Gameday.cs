using System.Text.RegularExpressions;

namespace Resilience.Topology.Internal;

/// <summary>The <c>resilience:gameday</c> section (infra/spec/sections/gameday.ts).</summary>
internal sealed partial class SpecReader
{
    // registry/path, then a tag, a digest or both (OCI distribution's grammar, lowercase repository).
    [GeneratedRegex(@"^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]+)?(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)+(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$")]
    private static partial Regex ImageReferenceRegex();

    [GeneratedRegex(@":[^/]+$")]
    private static partial Regex ImageTagRegex();

    private static GamedaySpec ReadGameday(ConfigNode? node, DatabaseSpec database, RecoveryTargets stackWide)
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
                    throw item.Error(UnknownScenario(name));
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

        var imageNode = o.Field("image");
        var image = imageNode?.AsString();
        if (image is not null && !(ImageReferenceRegex().IsMatch(image) && (image.Contains("@sha256:", StringComparison.Ordinal) || ImageTagRegex().IsMatch(image))))
        {
            // Without a tag or a digest every platform would pull a moving `latest` silently.
            throw imageNode!.Error($"must be an image reference with a tag or a digest (registry/name:tag or registry/name@sha256:<64 hex>), got '{image}'");
        }

        var targets = ReadScenarioTargets(o.Field("targets"), database, stackWide);
        o.RejectUnknownFields();
        return new GamedaySpec(scenarios, schedule, image) { Targets = targets };
    }
}
