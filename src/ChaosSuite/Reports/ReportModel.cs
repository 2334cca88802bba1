using Resilience.ChaosSuite.Reports.History;
using Resilience.ChaosSuite.Verdicts;

namespace Resilience.ChaosSuite.Reports;

/// <summary>The machine-readable report (report.json); the other formats are rendered from it.</summary>
/// <param name="SchemaVersion">The report format's version (<see cref="ReportSchema"/>; docs/report.schema.json).</param>
/// <param name="Stack">The stack's name.</param>
/// <param name="Platform">The platform's kind.</param>
/// <param name="Cell">The cell of resilience:cells the run drove when the stack has several (each gets its own report), else null.</param>
/// <param name="Command">run, gameday or preflight.</param>
/// <param name="Seed">The seed of every random choice.</param>
/// <param name="StartedAt">Wall time of the start.</param>
/// <param name="EndedAt">Wall time of the end.</param>
/// <param name="Verdict"><c>passed</c>, <c>failed</c> or <c>aborted</c>.</param>
/// <param name="Scenarios">Each scenario.</param>
/// <param name="Regressions">Measurements worse than their recent history (<see cref="RegressionRule"/>); empty when not judged.</param>
internal sealed record ReportModel(
    int SchemaVersion,
    string Stack,
    string Platform,
    string? Cell,
    string Command,
    int Seed,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    string Verdict,
    IReadOnlyList<ScenarioReport> Scenarios,
    IReadOnlyList<Regression> Regressions)
{
    /// <summary>
    /// True when this report belongs to the history of <paramref name="stack"/>'s <paramref name="cell"/>: the cells of a
    /// stack are separate clusters, so their figures are never compared with each other.
    /// </summary>
    public bool IsFrom(string stack, string? cell) => Stack == stack && Cell == cell;
}

/// <summary>One scenario in the report.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Summary">What it does.</param>
/// <param name="Outcome"><c>passed</c>, <c>failed</c>, <c>aborted</c> or <c>dry-run</c>.</param>
/// <param name="AbortReason">Why it was aborted.</param>
/// <param name="StartedAt">Wall time of its start.</param>
/// <param name="EndedAt">Wall time of its end.</param>
/// <param name="DurationSeconds">Its length.</param>
/// <param name="Fault">What was injected.</param>
/// <param name="Timeline">Every phase, in time order.</param>
/// <param name="Measurements">DESIGN.md measurements (null: the awaited event did not happen).</param>
/// <param name="MeasurementNotes">Why a measurement has its value, where that needs saying.</param>
/// <param name="Observations">Figures without a target.</param>
/// <param name="Targets">Every judged target.</param>
/// <param name="Plan">What the scenario did, step by step.</param>
/// <param name="Series">Counts over time for the chart.</param>
internal sealed record ScenarioReport(
    string Name,
    string Summary,
    string Outcome,
    string? AbortReason,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    double DurationSeconds,
    FaultReport? Fault,
    IReadOnlyList<PhaseReport> Timeline,
    IReadOnlyDictionary<string, double?> Measurements,
    IReadOnlyDictionary<string, string> MeasurementNotes,
    IReadOnlyDictionary<string, double> Observations,
    IReadOnlyList<TargetVerdict> Targets,
    IReadOnlyList<string> Plan,
    TimelineSeries Series);

/// <summary>The injected fault.</summary>
/// <param name="Description">What was injected where.</param>
/// <param name="InjectedAt">Wall time it took effect.</param>
/// <param name="TargetMember">The member failed, if one.</param>
/// <param name="ExpectedFailovers">Promotions it was expected to cause.</param>
internal sealed record FaultReport(string Description, DateTimeOffset InjectedAt, string? TargetMember, int ExpectedFailovers);

/// <summary>One phase of the timeline.</summary>
/// <param name="Phase">Its name.</param>
/// <param name="Timestamp">Wall time.</param>
/// <param name="OffsetSeconds">Seconds from the injection (negative before it; from the scenario's start when nothing was injected).</param>
/// <param name="Detail">What happened.</param>
internal sealed record PhaseReport(string Phase, DateTimeOffset Timestamp, double OffsetSeconds, string? Detail);
