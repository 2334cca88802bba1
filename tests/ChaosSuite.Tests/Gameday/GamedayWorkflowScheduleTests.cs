using System.Text.RegularExpressions;
using Resilience.ChaosSuite.Tests.TestSupport;
using Resilience.Topology;
using YamlDotNet.RepresentationModel;

namespace Resilience.ChaosSuite.Tests.Gameday;

/// <summary>.github/workflows/gameday.yml runs on exactly the union of the stacks' resilience:gameday.schedule crons.</summary>
public class GamedayWorkflowScheduleTests
{
    private const string Workflow = ".github/workflows/gameday.yml";

    [Fact]
    public void The_workflow_cron_lines_are_the_union_of_the_stacks_schedules()
    {
        var stacks = Directory.EnumerateFiles(Stacks.RepoRoot, "Pulumi.*.yaml")
            .Select(path => Path.GetFileName(path)["Pulumi.".Length..^".yaml".Length])
            .Select(stack => (Stack: stack, Cron: StackSpecLoader.LoadStack(Stacks.RepoRoot, stack).Gameday.Schedule))
            .ToList();
        Assert.NotEmpty(stacks);

        var diff = ScheduleDiff(stacks, WorkflowCrons(File.ReadAllText(Path.Combine(Stacks.RepoRoot, Workflow))));

        Assert.True(diff is null, diff);
    }

    [Fact]
    public void A_disagreement_is_one_line_naming_what_is_missing_and_what_is_extra()
    {
        var crons = WorkflowCrons("""
            on:
              schedule:
                - cron: "0 3 * * 1"
                - cron:   "0  6 * * *"
              workflow_dispatch: {}
            """);

        var diff = ScheduleDiff([("local", "0 3 * * 1"), ("prod", "0 5 * * 3"), ("staging", "0 5 * * 3")], crons);

        Assert.Equal($"{Workflow} cron lines differ from the stacks' resilience:gameday.schedule: missing \"0 5 * * 3\" (prod, staging); extra \"0 6 * * *\"", diff);
        Assert.Null(ScheduleDiff([("local", "0 3 * * 1"), ("other", "0 6 * * *")], crons));
    }

    private static List<string> WorkflowCrons(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var on = (YamlMappingNode)root.Children[new YamlScalarNode("on")];
        return on.Children.TryGetValue(new YamlScalarNode("schedule"), out var schedule)
            ? [.. ((YamlSequenceNode)schedule).Children.Select(entry => Normalize(((YamlScalarNode)((YamlMappingNode)entry).Children[new YamlScalarNode("cron")]).Value!))]
            : [];
    }

    /// <summary>Null when the workflow's crons are exactly the stacks' (as sets); else the difference in one line.</summary>
    private static string? ScheduleDiff(IEnumerable<(string Stack, string Cron)> stacks, IReadOnlyCollection<string> workflowCrons)
    {
        var wanted = stacks.GroupBy(s => Normalize(s.Cron)).ToDictionary(g => g.Key, g => string.Join(", ", g.Select(s => s.Stack).Order(StringComparer.Ordinal)));
        var missing = wanted.Keys.Except(workflowCrons).Order(StringComparer.Ordinal).Select(c => $"\"{c}\" ({wanted[c]})").ToList();
        var extra = workflowCrons.Except(wanted.Keys).Distinct().Order(StringComparer.Ordinal).Select(c => $"\"{c}\"").ToList();
        if (missing.Count == 0 && extra.Count == 0)
        {
            return null;
        }

        var parts = new[] { missing.Count > 0 ? $"missing {string.Join(", ", missing)}" : null, extra.Count > 0 ? $"extra {string.Join(", ", extra)}" : null };
        return $"{Workflow} cron lines differ from the stacks' resilience:gameday.schedule: {string.Join("; ", parts.OfType<string>())}";
    }

    private static string Normalize(string cron) => Regex.Replace(cron.Trim(), @"\s+", " ");
}
