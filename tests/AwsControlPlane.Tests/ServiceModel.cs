using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Resilience.AwsControlPlane.Tests;

/// <summary>
/// A botocore service model (ServiceModels/*.json) used as the judge of what goes over the wire: every
/// request parameter and every response element must be a member of the operation's shapes, with a
/// value of the member's type. Returns the list of problems (empty when the message conforms).
/// </summary>
internal sealed class ServiceModel
{
    private readonly JsonElement _operations;
    private readonly JsonElement _shapes;

    private ServiceModel(JsonDocument document)
    {
        Metadata = document.RootElement.GetProperty("metadata");
        _operations = document.RootElement.GetProperty("operations");
        _shapes = document.RootElement.GetProperty("shapes");
    }

    public JsonElement Metadata { get; }

    public static ServiceModel Load(string service) =>
        new(JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ServiceModels", service + ".json"))));

    public JsonElement Operation(string name) =>
        _operations.TryGetProperty(name, out var op) ? op : throw new KeyNotFoundException($"operation {name} is not in the model");

    public IEnumerable<string> ErrorCodes(string operation) =>
        Operation(operation).TryGetProperty("errors", out var errors)
            ? errors.EnumerateArray().Select(e => Shape(e.GetProperty("shape").GetString()!)).Select(s => s.TryGetProperty("error", out var err) && err.TryGetProperty("code", out var code) ? code.GetString()! : "")
            : [];

    private JsonElement Shape(string name) => _shapes.GetProperty(name);

    private string InputShape(string operation) => Operation(operation).GetProperty("input").GetProperty("shape").GetString()!;

    // ---- query protocol (RDS, CloudWatch) ----

    public List<string> CheckQueryRequest(string operation, string method, string path, IReadOnlyDictionary<string, string> form)
    {
        var problems = new List<string>();
        var http = Operation(operation).GetProperty("http");
        Expect(problems, method == http.GetProperty("method").GetString(), $"method {method}, model says {http.GetProperty("method")}");
        Expect(problems, path == http.GetProperty("requestUri").GetString(), $"path {path}, model says {http.GetProperty("requestUri")}");
        Expect(problems, form.GetValueOrDefault("Action") == operation, $"Action {form.GetValueOrDefault("Action")}");
        Expect(problems, form.GetValueOrDefault("Version") == Metadata.GetProperty("apiVersion").GetString(), $"Version {form.GetValueOrDefault("Version")}");
        var input = Shape(InputShape(operation));
        foreach (var (key, value) in form.Where(p => p.Key is not "Action" and not "Version"))
        {
            CheckQueryKey(problems, input, key.Split('.'), 0, value, key);
        }

        foreach (var required in Required(input))
        {
            Expect(problems, form.Keys.Any(k => k == required || k.StartsWith(required + ".", StringComparison.Ordinal)), $"required member {required} missing");
        }

        return problems;
    }

    private void CheckQueryKey(List<string> problems, JsonElement shape, string[] parts, int at, string value, string key)
    {
        switch (shape.GetProperty("type").GetString())
        {
            case "structure":
                if (at >= parts.Length || !shape.GetProperty("members").TryGetProperty(parts[at], out var member))
                {
                    problems.Add($"{key}: '{(at < parts.Length ? parts[at] : "")}' is not a member");
                    return;
                }

                CheckQueryKey(problems, Shape(member.GetProperty("shape").GetString()!), parts, at + 1, value, key);
                return;
            case "list":
                var item = shape.GetProperty("member");
                var name = item.TryGetProperty("locationName", out var ln) ? ln.GetString() : "member";
                if (at + 1 >= parts.Length || parts[at] != name || !int.TryParse(parts[at + 1], out var index) || index < 1)
                {
                    problems.Add($"{key}: list items must be {name}.N (N from 1)");
                    return;
                }

                CheckQueryKey(problems, Shape(item.GetProperty("shape").GetString()!), parts, at + 2, value, key);
                return;
            default:
                Expect(problems, at == parts.Length, $"{key}: a scalar has no members");
                CheckScalar(problems, shape, value, key, timestampsAreEpoch: false);
                return;
        }
    }

    public List<string> CheckXmlResponse(string operation, string body)
    {
        var problems = new List<string>();
        var root = XDocument.Parse(body).Root!;
        Expect(problems, root.Name.LocalName == operation + "Response", $"root {root.Name.LocalName}");
        Expect(problems, root.Name.NamespaceName == Metadata.GetProperty("xmlNamespace").GetString(), $"namespace {root.Name.NamespaceName}");
        if (!Operation(operation).TryGetProperty("output", out var output))
        {
            // An operation without output (PutMetricData) answers with ResponseMetadata only.
            problems.AddRange(root.Elements().Where(e => e.Name.LocalName != "ResponseMetadata").Select(e => $"unexpected element {e.Name.LocalName} (the operation has no output)"));
            return problems;
        }

        var result = root.Elements().FirstOrDefault(e => e.Name.LocalName == output.GetProperty("resultWrapper").GetString());
        if (result is null)
        {
            problems.Add($"no {output.GetProperty("resultWrapper")} element");
            return problems;
        }

        foreach (var other in root.Elements().Where(e => e != result && e.Name.LocalName != "ResponseMetadata"))
        {
            problems.Add($"unexpected element {other.Name.LocalName}");
        }

        CheckXml(problems, Shape(output.GetProperty("shape").GetString()!), result, result.Name.LocalName);
        return problems;
    }

    private void CheckXml(List<string> problems, JsonElement shape, XElement element, string where)
    {
        switch (shape.GetProperty("type").GetString())
        {
            case "structure":
                var members = shape.GetProperty("members").EnumerateObject().ToDictionary(m => m.Value.TryGetProperty("locationName", out var l) ? l.GetString()! : m.Name, m => m.Value);
                foreach (var child in element.Elements())
                {
                    if (members.TryGetValue(child.Name.LocalName, out var member))
                    {
                        CheckXml(problems, Shape(member.GetProperty("shape").GetString()!), child, $"{where}/{child.Name.LocalName}");
                    }
                    else
                    {
                        problems.Add($"{where}/{child.Name.LocalName} is not a member");
                    }
                }

                return;
            case "list":
                var item = shape.GetProperty("member");
                var name = item.TryGetProperty("locationName", out var ln) ? ln.GetString() : "member";
                foreach (var child in element.Elements())
                {
                    Expect(problems, child.Name.LocalName == name, $"{where}: list item {child.Name.LocalName}, model says {name}");
                    CheckXml(problems, Shape(item.GetProperty("shape").GetString()!), child, $"{where}/{name}");
                }

                return;
            default:
                Expect(problems, !element.HasElements, $"{where}: scalar with children");
                CheckScalar(problems, shape, element.Value, where, timestampsAreEpoch: false);
                return;
        }
    }

    // ---- rest-json (FIS) ----

    public List<string> CheckRestJsonRequest(string operation, string method, string path, IReadOnlyDictionary<string, string> query, string body)
    {
        var problems = new List<string>();
        var http = Operation(operation).GetProperty("http");
        Expect(problems, method == http.GetProperty("method").GetString(), $"method {method}, model says {http.GetProperty("method")}");
        var template = http.GetProperty("requestUri").GetString()!;
        var pattern = "^" + Regex.Replace(Regex.Escape(template), @"\\\{[A-Za-z]+\}", "[^/]+") + "$";
        Expect(problems, Regex.IsMatch(path, pattern), $"path {path} does not match {template}");
        var input = Shape(InputShape(operation));
        foreach (var name in query.Keys)
        {
            var member = input.GetProperty("members").EnumerateObject().FirstOrDefault(m => m.Value.TryGetProperty("location", out var l) && l.GetString() == "querystring" && m.Value.GetProperty("locationName").GetString() == name);
            Expect(problems, member.Value.ValueKind == JsonValueKind.Object, $"query parameter {name} is not a querystring member");
        }

        var bodyMembers = input.GetProperty("members").EnumerateObject().Where(m => !m.Value.TryGetProperty("location", out _)).ToDictionary(m => m.Name, m => m.Value);
        if (body.Length > 0)
        {
            using var json = JsonDocument.Parse(body);
            foreach (var property in json.RootElement.EnumerateObject())
            {
                if (bodyMembers.TryGetValue(property.Name, out var member))
                {
                    CheckJson(problems, Shape(member.GetProperty("shape").GetString()!), property.Value, property.Name);
                }
                else
                {
                    problems.Add($"body member {property.Name} is not in the model");
                }
            }

            foreach (var required in Required(input).Where(bodyMembers.ContainsKey))
            {
                Expect(problems, json.RootElement.TryGetProperty(required, out _), $"required member {required} missing");
            }
        }
        else
        {
            Expect(problems, !Required(input).Any(bodyMembers.ContainsKey), "required body members missing: no body");
        }

        return problems;
    }

    public List<string> CheckJsonResponse(string operation, string body)
    {
        var problems = new List<string>();
        using var json = JsonDocument.Parse(body);
        CheckJson(problems, Shape(Operation(operation).GetProperty("output").GetProperty("shape").GetString()!), json.RootElement, operation);
        return problems;
    }

    private void CheckJson(List<string> problems, JsonElement shape, JsonElement value, string where)
    {
        switch (shape.GetProperty("type").GetString())
        {
            case "structure":
                if (value.ValueKind != JsonValueKind.Object)
                {
                    problems.Add($"{where}: expected an object");
                    return;
                }

                foreach (var property in value.EnumerateObject())
                {
                    if (shape.GetProperty("members").TryGetProperty(property.Name, out var member))
                    {
                        CheckJson(problems, Shape(member.GetProperty("shape").GetString()!), property.Value, $"{where}.{property.Name}");
                    }
                    else
                    {
                        problems.Add($"{where}.{property.Name} is not a member");
                    }
                }

                return;
            case "list":
                if (value.ValueKind != JsonValueKind.Array)
                {
                    problems.Add($"{where}: expected an array");
                    return;
                }

                foreach (var item in value.EnumerateArray())
                {
                    CheckJson(problems, Shape(shape.GetProperty("member").GetProperty("shape").GetString()!), item, $"{where}[]");
                }

                return;
            case "map":
                if (value.ValueKind != JsonValueKind.Object)
                {
                    problems.Add($"{where}: expected a map");
                    return;
                }

                foreach (var property in value.EnumerateObject())
                {
                    CheckJson(problems, Shape(shape.GetProperty("value").GetProperty("shape").GetString()!), property.Value, $"{where}[{property.Name}]");
                }

                return;
            case "timestamp":
                Expect(problems, value.ValueKind == JsonValueKind.Number, $"{where}: a rest-json timestamp is epoch seconds");
                return;
            case "integer" or "long" or "double" or "float":
                Expect(problems, value.ValueKind == JsonValueKind.Number, $"{where}: expected a number");
                return;
            case "boolean":
                Expect(problems, value.ValueKind is JsonValueKind.True or JsonValueKind.False, $"{where}: expected a boolean");
                return;
            default:
                if (value.ValueKind != JsonValueKind.String)
                {
                    problems.Add($"{where}: expected a string");
                    return;
                }

                CheckScalar(problems, shape, value.GetString()!, where, timestampsAreEpoch: true);
                return;
        }
    }

    // ---- shared ----

    private static IEnumerable<string> Required(JsonElement structure) =>
        structure.TryGetProperty("required", out var required) ? required.EnumerateArray().Select(r => r.GetString()!) : [];

    private static void CheckScalar(List<string> problems, JsonElement shape, string value, string where, bool timestampsAreEpoch)
    {
        var type = shape.GetProperty("type").GetString();
        var ok = type switch
        {
            "string" => !shape.TryGetProperty("enum", out var values) || values.EnumerateArray().Any(v => v.GetString() == value),
            "integer" or "long" => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            "double" or "float" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
            "boolean" => value is "true" or "false",
            "timestamp" => timestampsAreEpoch
                ? double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
                : DateTimeOffset.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFzzz"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _),
            _ => false,
        };
        Expect(problems, ok, $"{where}: '{value}' is not a valid {type}");
        if (ok && type == "string" && shape.TryGetProperty("max", out var max))
        {
            Expect(problems, value.Length <= max.GetInt32(), $"{where}: longer than {max}");
        }
    }

    private static void Expect(List<string> problems, bool condition, string problem)
    {
        if (!condition)
        {
            problems.Add(problem);
        }
    }
}
