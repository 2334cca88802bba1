using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Resilience.AwsStandIn;

/// <summary>The rest-json half: FIS experiments and templates.</summary>
public sealed partial class AuroraStandIn
{
    private static string FisOperation(string method, string path) => (method, path.TrimEnd('/').Split('/').Length) switch
    {
        ("POST", 2) when path.StartsWith("/experiments", StringComparison.Ordinal) => "StartExperiment",
        ("GET", 2) when path.StartsWith("/experiments", StringComparison.Ordinal) => "ListExperiments",
        ("GET", 3) when path.StartsWith("/experiments/", StringComparison.Ordinal) => "GetExperiment",
        ("DELETE", 3) when path.StartsWith("/experiments/", StringComparison.Ordinal) => "StopExperiment",
        ("GET", 2) when path.StartsWith("/experimentTemplates", StringComparison.Ordinal) => "ListExperimentTemplates",
        ("GET", 3) when path.StartsWith("/experimentTemplates/", StringComparison.Ordinal) => "GetExperimentTemplate",
        _ => "Unknown",
    };

    /// <summary>Ends a running experiment as FIS does when its actions finish (or fail).</summary>
    public void EndExperiment(string id, string status = "completed", string? reason = null)
    {
        lock (Gate)
        {
            var experiment = Experiments.First(e => e.Id == id);
            experiment.Status = status;
            experiment.Reason = reason ?? (status == "completed" ? "Experiment completed." : reason);
            experiment.EndTime = Time.GetUtcNow();
        }
    }

    private Reply Fis(string operation, string path, string body)
    {
        var id = Uri.UnescapeDataString(path.TrimEnd('/').Split('/').Last());
        lock (Gate)
        {
            switch (operation)
            {
                case "ListExperimentTemplates":
                    return Json(new JsonObject { ["experimentTemplates"] = new JsonArray([.. Templates.Select(t => (JsonNode)new JsonObject
                    {
                        ["id"] = t.Id,
                        ["description"] = t.Description,
                        ["creationTime"] = Epoch(DateTimeOffset.UnixEpoch),
                        ["lastUpdateTime"] = Epoch(DateTimeOffset.UnixEpoch),
                        ["tags"] = Map(t.Tags),
                    })]) });
                case "GetExperimentTemplate":
                    return Json(new JsonObject { ["experimentTemplate"] = TemplateJson(TemplateNamed(id)) });
                case "StartExperiment":
                    return Start(body);
                case "ListExperiments":
                    // ExperimentSummary: the model's members only (no start or end time).
                    return Json(new JsonObject { ["experiments"] = new JsonArray([.. Experiments.Select(e => (JsonNode)new JsonObject
                    {
                        ["id"] = e.Id,
                        ["experimentTemplateId"] = e.TemplateId,
                        ["state"] = e.Reason is null ? new JsonObject { ["status"] = e.Status } : new JsonObject { ["status"] = e.Status, ["reason"] = e.Reason },
                        ["creationTime"] = Epoch(e.StartTime),
                        ["tags"] = Map(e.Tags),
                    })]) });
                case "GetExperiment":
                    return Json(new JsonObject { ["experiment"] = ExperimentJson(ExperimentNamed(id)) });
                case "StopExperiment":
                    var experiment = ExperimentNamed(id);
                    if (experiment.Status is "pending" or "initiating" or "running")
                    {
                        experiment.Status = "stopped";
                        experiment.Reason = "Experiment stopped by user.";
                        experiment.EndTime = Time.GetUtcNow();
                    }

                    return Json(new JsonObject { ["experiment"] = ExperimentJson(experiment) });
                default:
                    throw new StandInFault(404, "UnknownOperationException", $"no route for {path}");
            }
        }
    }

    private Reply Start(string body)
    {
        using var json = JsonDocument.Parse(body);
        var templateId = json.RootElement.GetProperty("experimentTemplateId").GetString()!;
        if (!json.RootElement.TryGetProperty("clientToken", out _))
        {
            throw new StandInFault(400, "ValidationException", "clientToken is required");
        }

        var template = TemplateNamed(templateId);
        if (Experiments.Any(e => e.TemplateId == templateId && e.Status is "pending" or "initiating" or "running"))
        {
            throw new StandInFault(409, "ConflictException", $"An experiment of template {templateId} is already running.");
        }

        var experiment = new StandInExperiment
        {
            Id = "EXP" + Interlocked.Increment(ref _experimentCounter).ToString("D6", CultureInfo.InvariantCulture),
            TemplateId = templateId,
            Status = "initiating",
            StartTime = Time.GetUtcNow(),
        };
        if (json.RootElement.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Object)
        {
            foreach (var tag in tags.EnumerateObject())
            {
                experiment.Tags[tag.Name] = tag.Value.GetString() ?? "";
            }
        }

        Experiments.Add(experiment);
        var reply = Json(new JsonObject { ["experiment"] = ExperimentJson(experiment) });
        var hook = OnExperimentStarted ?? (Database is null ? null : RunActionAsync);
        return reply with
        {
            AfterReply = async () =>
            {
                lock (Gate)
                {
                    if (experiment.Status == "initiating")
                    {
                        experiment.Status = "running";
                    }
                }

                if (hook is not null)
                {
                    await hook(experiment, template).ConfigureAwait(false);
                }
            },
        };
    }

    private StandInTemplate TemplateNamed(string id) =>
        Templates.FirstOrDefault(t => t.Id == id) ?? throw new StandInFault(404, "ResourceNotFoundException", $"Experiment template not found: {id}");

    private StandInExperiment ExperimentNamed(string id) =>
        Experiments.FirstOrDefault(e => e.Id == id) ?? throw new StandInFault(404, "ResourceNotFoundException", $"Experiment not found: {id}");

    private static JsonObject TemplateJson(StandInTemplate t) => new()
    {
        ["id"] = t.Id,
        ["description"] = t.Description,
        ["targets"] = new JsonObject
        {
            ["target"] = new JsonObject
            {
                ["resourceType"] = t.TargetResourceType,
                ["resourceArns"] = new JsonArray([.. t.TargetArns.Select(a => (JsonNode)JsonValue.Create(a)!)]),
                ["selectionMode"] = t.SelectionMode,
            },
        },
        ["actions"] = new JsonObject
        {
            ["fault"] = new JsonObject
            {
                ["actionId"] = t.ActionId,
                ["targets"] = new JsonObject { [t.TargetResourceType == "aws:rds:cluster" ? "Clusters" : "DBInstances"] = "target" },
            },
        },
        ["stopConditions"] = t.StopConditionAlarmArns.Count == 0
            ? new JsonArray(new JsonObject { ["source"] = "none" })
            : new JsonArray([.. t.StopConditionAlarmArns.Select(a => (JsonNode)new JsonObject { ["source"] = "aws:cloudwatch:alarm", ["value"] = a })]),
        ["creationTime"] = Epoch(DateTimeOffset.UnixEpoch),
        ["lastUpdateTime"] = Epoch(DateTimeOffset.UnixEpoch),
        ["roleArn"] = "arn:aws:iam::123456789012:role/fis",
        ["tags"] = Map(t.Tags),
    };

    private static JsonObject ExperimentJson(StandInExperiment e)
    {
        var json = new JsonObject
        {
            ["id"] = e.Id,
            ["experimentTemplateId"] = e.TemplateId,
            ["state"] = e.Reason is null ? new JsonObject { ["status"] = e.Status } : new JsonObject { ["status"] = e.Status, ["reason"] = e.Reason },
            ["creationTime"] = Epoch(e.StartTime),
            ["startTime"] = Epoch(e.StartTime),
            ["tags"] = Map(e.Tags),
        };
        if (e.EndTime is { } end)
        {
            json["endTime"] = Epoch(end);
        }

        return json;
    }

    private static double Epoch(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;

    private static JsonObject Map(Dictionary<string, string> map) => new([.. map.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]);

    private static Reply Json(JsonObject body) => new(200, "application/json", body.ToJsonString(), NoHeaders);

    private static Reply FisError(int status, string code, string message) =>
        new(status, "application/json", new JsonObject { ["message"] = message }.ToJsonString(), new Dictionary<string, string> { ["x-amzn-ErrorType"] = code });
}
