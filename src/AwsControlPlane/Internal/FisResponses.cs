using System.Text.Json;

namespace Resilience.AwsControlPlane.Internal;

/// <summary>Reads FIS rest-json responses; member names are those of the FIS 2020-12-01 model.</summary>
internal static class FisResponses
{
    public static Experiment Experiment(string body)
    {
        using var json = JsonDocument.Parse(body);
        return ReadExperiment(json.RootElement.GetProperty("experiment"));
    }

    public static (IReadOnlyList<ExperimentTemplateSummary> Templates, string? NextToken) ListExperimentTemplates(string body)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var templates = Array(root, "experimentTemplates").Select(t => new ExperimentTemplateSummary(t.GetProperty("id").GetString()!, Str(t, "description"), Map(t, "tags")));
        return ([.. templates], Str(root, "nextToken"));
    }

    public static (IReadOnlyList<Experiment> Experiments, string? NextToken) ListExperiments(string body)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        return ([.. Array(root, "experiments").Select(ReadExperiment)], Str(root, "nextToken"));
    }

    public static ExperimentTemplate ExperimentTemplate(string body)
    {
        using var json = JsonDocument.Parse(body);
        var t = json.RootElement.GetProperty("experimentTemplate");
        var actions = Object(t, "actions").Select(a => Str(a.Value, "actionId") ?? "").ToList();
        var targets = Object(t, "targets").Select(target => new ExperimentTemplateTarget(
            target.Name,
            Str(target.Value, "resourceType") ?? "",
            [.. Array(target.Value, "resourceArns").Select(a => a.GetString()!)],
            Map(target.Value, "resourceTags"),
            Str(target.Value, "selectionMode"))).ToList();
        var alarms = Array(t, "stopConditions")
            .Where(s => Str(s, "source") == "aws:cloudwatch:alarm" && Str(s, "value") is not null)
            .Select(s => Str(s, "value")!).ToList();
        return new ExperimentTemplate(t.GetProperty("id").GetString()!, Str(t, "description"), Map(t, "tags"), actions, targets, alarms);
    }

    internal static ExperimentStatus Status(string? status) => status switch
    {
        "pending" => ExperimentStatus.Pending,
        "initiating" => ExperimentStatus.Initiating,
        "running" => ExperimentStatus.Running,
        "completed" => ExperimentStatus.Completed,
        "stopping" => ExperimentStatus.Stopping,
        "stopped" => ExperimentStatus.Stopped,
        "failed" => ExperimentStatus.Failed,
        _ => ExperimentStatus.Unknown,
    };

    private static Experiment ReadExperiment(JsonElement e)
    {
        var state = e.TryGetProperty("state", out var s) ? s : default;
        return new Experiment(
            e.GetProperty("id").GetString()!,
            Str(e, "experimentTemplateId"),
            Status(state.ValueKind == JsonValueKind.Object ? Str(state, "status") : null),
            state.ValueKind == JsonValueKind.Object ? Str(state, "reason") : null,
            Time(e, "startTime"),
            Time(e, "endTime"));
    }

    // rest-json timestamps are epoch seconds (with a fraction) unless the model says otherwise.
    private static DateTimeOffset? Time(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(v.GetDouble() * 1000))
            : null;

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? [.. v.EnumerateArray()] : [];

    private static IEnumerable<JsonProperty> Object(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? [.. v.EnumerateObject()] : [];

    private static Dictionary<string, string> Map(JsonElement e, string name) =>
        Object(e, name).ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
}
