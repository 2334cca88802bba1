using System.Text.Json;
using System.Text.Json.Serialization;

namespace Resilience.ChaosSuite.Reports;

/// <summary>report.json: the machine-readable report (CI, the benchmark, upgrade evidence).</summary>
public static class JsonReport
{
    /// <summary>camelCase names, indented, nulls written (a null measurement means "not reached").</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>The report as JSON text.</summary>
    public static string Render(ReportModel report) => JsonSerializer.Serialize(report, Options);

    /// <summary>Reads a report written by <see cref="Render"/>.</summary>
    public static ReportModel? Parse(string json) => JsonSerializer.Deserialize<ReportModel>(json, Options);
}
