using System.Globalization;
using System.Text.Json.Nodes;
using Json.Schema;
using Resilience.ChaosSuite.Tests.TestSupport;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Resilience.ChaosSuite.Tests.Platform.Kubernetes;

/// <summary>
/// The openAPIV3Schema of CloudNativePG 1.30.0's Cluster CRD (infra/test/data/cloudnative-pg-1.30.0-crds.yaml, copied
/// from the operator's release manifest, Apache-2.0; see infra/test/data/README.md), as the API server applies it:
/// JSON Schema validation, plus pruning (a field the schema does not declare would never reach a client).
/// </summary>
internal static class CnpgCrdSchema
{
    private static readonly Lazy<JsonNode> OpenApi = new(Load);
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(AsJsonSchema(OpenApi.Value)!.ToJsonString()));

    /// <summary>Every way <paramref name="cluster"/> breaks the Cluster schema, empty when it is a valid Cluster.</summary>
    public static IReadOnlyList<string> Violations(JsonNode cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var problems = new List<string>();
        using var document = System.Text.Json.JsonDocument.Parse(cluster.ToJsonString());
        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (!result.IsValid)
        {
            problems.AddRange((result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
            if (problems.Count == 0)
            {
                problems.Add("invalid");
            }
        }

        Unknown(cluster, OpenApi.Value, "", problems);
        return problems;
    }

    // Structural schemas prune what they do not declare, unless they preserve unknown fields or allow additional properties.
    private static void Unknown(JsonNode? value, JsonNode? schema, string at, List<string> problems)
    {
        if (value is not JsonObject obj || schema is null || schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true)
        {
            if (value is JsonArray array && schema?["items"] is { } items)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    Unknown(array[i], items, $"{at}/{i}", problems);
                }
            }

            return;
        }

        var properties = schema["properties"] as JsonObject;
        var additional = schema["additionalProperties"];
        foreach (var (name, child) in obj)
        {
            if (at.Length == 0 && name == "metadata")
            {
                // ObjectMeta: the API server's own schema, not the CRD's.
                continue;
            }

            if (properties?[name] is { } declared)
            {
                Unknown(child, declared, $"{at}/{name}", problems);
            }
            else if (additional is JsonObject map)
            {
                Unknown(child, map, $"{at}/{name}", problems);
            }
            else if (at.Length > 0 || name is not ("apiVersion" or "kind"))
            {
                problems.Add($"{at}/{name}: not declared by the schema (the API server would prune it)");
            }
        }
    }

    // OpenAPI v3 as JSON Schema: `nullable` becomes a null type, int-or-string any of both, and the Kubernetes
    // extensions (list types, CEL validations the API server evaluates itself, pruning hints) are not JSON Schema.
    private static JsonNode? AsJsonSchema(JsonNode? schema)
    {
        if (schema is not JsonObject openApi)
        {
            return schema?.DeepClone();
        }

        var result = new JsonObject();
        foreach (var (keyword, value) in openApi)
        {
            if (keyword.StartsWith("x-kubernetes-", StringComparison.Ordinal) || keyword == "nullable")
            {
                continue;
            }

            result[keyword] = keyword switch
            {
                "properties" => new JsonObject(((JsonObject)value!).Select(p => KeyValuePair.Create(p.Key, AsJsonSchema(p.Value)))),
                "items" or "additionalProperties" or "not" => AsJsonSchema(value),
                "allOf" or "anyOf" or "oneOf" => new JsonArray([.. ((JsonArray)value!).Select(AsJsonSchema)]),
                _ => value?.DeepClone(),
            };
        }

        if (openApi["nullable"]?.GetValue<bool>() == true && result["type"] is JsonValue type)
        {
            result["type"] = new JsonArray(type.GetValue<string>(), "null");
        }

        if (openApi["x-kubernetes-int-or-string"]?.GetValue<bool>() == true)
        {
            result.Remove("type");
            result["anyOf"] = new JsonArray(new JsonObject { ["type"] = "integer" }, new JsonObject { ["type"] = "string" });
        }

        return result;
    }

    private static JsonNode Load()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Stacks.RepoRoot, "infra", "test", "data", "cloudnative-pg-1.30.0-crds.yaml")))
        {
            yaml.Load(reader);
        }

        var crd = yaml.Documents.Select(d => (YamlMappingNode)d.RootNode)
            .Single(d => ((YamlMappingNode)d["metadata"])["name"].ToString() == "clusters.postgresql.cnpg.io");
        var version = ((YamlSequenceNode)((YamlMappingNode)crd["spec"])["versions"]).Children.Cast<YamlMappingNode>().Single(v => v["name"].ToString() == "v1");
        return ToJson(((YamlMappingNode)version["schema"])["openAPIV3Schema"])!;
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(c.Key.ToString(), ToJson(c.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(ToJson)]),
        YamlScalarNode { Style: ScalarStyle.Plain } scalar => Plain(scalar.Value),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };

    private static JsonNode? Plain(string? text) =>
        text is null or "null" or "~" ? null
        : text is "true" or "false" ? JsonValue.Create(text == "true")
        : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? JsonValue.Create(n)
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? JsonValue.Create(d)
        : JsonValue.Create(text);
}
