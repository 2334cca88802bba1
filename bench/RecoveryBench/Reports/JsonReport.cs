using System.Text.Json;
using System.Text.Json.Serialization;
using Resilience.Bench.Results;

namespace Resilience.Bench.Reports;

/// <summary>The machine-readable report: the whole <see cref="BenchReport"/>, camelCase, every raw run included.</summary>
public static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The report as indented JSON.</summary>
    public static string Render(BenchReport report) => JsonSerializer.Serialize(report, Options);

    /// <summary>Reads a report written by <see cref="Render"/>.</summary>
    public static BenchReport? Parse(string json) => JsonSerializer.Deserialize<BenchReport>(json, Options);
}
