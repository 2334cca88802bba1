using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Resilience.ChaosSuite.Reports;
using Resilience.ChaosSuite.Reports.History;
using Resilience.ChaosSuite.Tests.TestSupport;
using Resilience.ChaosSuite.Timeline;

namespace Resilience.ChaosSuite.Tests.Reports;

/// <summary>report.json against its published schema (docs/report.schema.json), and older reports still loading.</summary>
public class ReportSchemaTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reports", "report.schema.json")));

    public static TheoryData<string> WrittenReports() => ["passed", "failed", "aborted", "with-regressions", "of-a-cell"];

    [Theory]
    [MemberData(nameof(WrittenReports))]
    public void Every_report_we_write_validates_against_the_published_schema(string which)
    {
        var report = which switch
        {
            "passed" => ReportModelBuilder.Build(SampleRuns.ReplicaFailure()),
            "failed" => ReportModelBuilder.Build(SampleRuns.ReplicaFailure(missReplacement: true)),
            "aborted" => ReportModelBuilder.Build(SampleRuns.Aborted(new RunClock(new FakeTimeProvider()))),
            "with-regressions" => ReportModelBuilder.Build(SampleRuns.ReplicaFailure()) with
            {
                Regressions = [new Regression("replica-hardware-failure", "readerRemovalSeconds", 2.1, 0.25, 0.5, 5), new Regression("primary-hang", "writeUnavailableSeconds", null, 6.2, 1.55, 4)],
            },
            "of-a-cell" => ReportModelBuilder.Build(SampleRuns.ReplicaFailure() with { Cell = "eu-1" }),
            _ => throw new ArgumentOutOfRangeException(nameof(which)),
        };

        var errors = Validate(JsonReport.Render(report));

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void The_schema_rejects_a_report_without_a_verdict_or_with_an_unknown_version()
    {
        var json = JsonNode.Parse(JsonReport.Render(ReportModelBuilder.Build(SampleRuns.ReplicaFailure())))!.AsObject();
        json.Remove("verdict");
        json["schemaVersion"] = ReportSchema.CurrentVersion + 1;

        var errors = Validate(json.ToJsonString());

        Assert.Contains(errors, e => e.Contains("verdict", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("/schemaVersion", StringComparison.Ordinal));
    }

    [Fact]
    public void The_schema_pins_the_version_this_build_writes()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reports", "report.schema.json")));

        Assert.Equal(ReportSchema.CurrentVersion, schema.RootElement.GetProperty("properties").GetProperty("schemaVersion").GetProperty("const").GetInt32());
        Assert.Equal(ReportSchema.CurrentVersion, ReportModelBuilder.Build(SampleRuns.ReplicaFailure()).SchemaVersion);
    }

    [Fact]
    public void A_real_version_1_report_without_schemaVersion_still_loads()
    {
        var text = File.ReadAllText(V1Path);
        Assert.DoesNotContain("schemaVersion", text, StringComparison.Ordinal);

        var report = JsonReport.Parse(text)!;

        Assert.Equal(ReportSchema.Unversioned, report.SchemaVersion);
        Assert.Empty(report.Regressions);
        Assert.Null(report.Cell);
        Assert.Equal("local", report.Stack);
        Assert.Equal(5, report.Scenarios.Count);
        Assert.All(report.Scenarios, s => Assert.NotEmpty(s.Measurements));
    }

    [Fact]
    public void Version_3_only_adds_schemaVersion_regressions_and_cell_to_a_real_version_1_report()
    {
        var json = JsonNode.Parse(File.ReadAllText(V1Path))!.AsObject();
        json["schemaVersion"] = 3;
        json["regressions"] = new JsonArray();
        json["cell"] = null;

        var errors = Validate(json.ToJsonString());

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void A_report_from_a_newer_suite_is_refused_with_what_to_do()
    {
        var json = JsonNode.Parse(JsonReport.Render(ReportModelBuilder.Build(SampleRuns.ReplicaFailure())))!.AsObject();
        json["schemaVersion"] = ReportSchema.CurrentVersion + 1;

        var e = Assert.Throws<InvalidDataException>(() => JsonReport.Parse(json.ToJsonString()));

        Assert.Contains("update the chaos suite", e.Message, StringComparison.Ordinal);
    }

    private static string V1Path => Path.Combine(AppContext.BaseDirectory, "Reports", "Fixtures", "real-gamedays", "20261130-204910-gameday", "report.json");

    private static List<string> Validate(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = Schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Key}: {e.Value}"))];
    }
}
