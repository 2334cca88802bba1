using System.Text.Json;
using System.Text.Json.Serialization;

namespace Resilience.ChaosSuite.Reports;

/// <summary>report.json: the machine-readable report (CI, the benchmark, upgrade evidence, the history).</summary>
internal static class JsonReport
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

    /// <summary>Reads a report written by <see cref="Render"/>, by this build or an older one (see <see cref="ReportSchema"/>).</summary>
    /// <exception cref="JsonException">The text is not a report.</exception>
    /// <exception cref="InvalidDataException">The report was written by a newer chaos suite.</exception>
    public static ReportModel? Parse(string json)
    {
        var report = JsonSerializer.Deserialize<ReportModel>(json, Options);
        if (report is null)
        {
            return null;
        }

        if (report.SchemaVersion > ReportSchema.CurrentVersion)
        {
            throw new InvalidDataException($"report schema version {report.SchemaVersion} is newer than this chaos suite reads ({ReportSchema.CurrentVersion}); update the chaos suite");
        }

        // Version 1 reports have neither field, versions 1 and 2 no cell; the deserializer leaves them at their defaults.
        return report with
        {
            SchemaVersion = report.SchemaVersion == 0 ? ReportSchema.Unversioned : report.SchemaVersion,
            Regressions = report.Regressions ?? [],
        };
    }
}
