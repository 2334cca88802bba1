using Resilience.ChaosSuite.Verdicts;

namespace Resilience.ChaosSuite.Reports;

/// <summary>Turns a <see cref="RunResult"/> into the <see cref="ReportModel"/> every format renders.</summary>
internal static class ReportModelBuilder
{
    /// <summary>The report of <paramref name="run"/>.</summary>
    public static ReportModel Build(RunResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var clock = run.Clock;
        return new ReportModel(
            ReportSchema.CurrentVersion,
            run.Stack,
            run.Platform,
            run.Cell,
            run.Command,
            run.Seed,
            clock.StartedAt,
            clock.WallTime(run.EndedAt),
            OutcomeName(run.Outcome),
            [.. run.Scenarios.Select(s => Scenario(s, run))],
            []);
    }

    /// <summary>How an outcome is spelled in reports.</summary>
    public static string OutcomeName(ScenarioOutcome outcome) => outcome switch
    {
        ScenarioOutcome.Passed => "passed",
        ScenarioOutcome.Failed => "failed",
        ScenarioOutcome.Aborted => "aborted",
        _ => "dry-run",
    };

    private static ScenarioReport Scenario(ScenarioResult s, RunResult run)
    {
        var clock = run.Clock;
        var origin = s.Fault?.InjectedAt ?? s.StartedAt;
        return new ScenarioReport(
            s.Name,
            s.Summary,
            OutcomeName(s.Outcome),
            s.AbortReason,
            clock.WallTime(s.StartedAt),
            clock.WallTime(s.EndedAt),
            Math.Round(s.EndedAt - s.StartedAt, 3),
            s.Fault is { } f ? new FaultReport(f.Description, clock.WallTime(f.InjectedAt), f.TargetMember, f.ExpectedFailovers) : null,
            [.. s.Phases.Select(p => new PhaseReport(p.Name, clock.WallTime(p.At), Math.Round(p.At - origin, 3), p.Detail))],
            s.Measurements.Values,
            s.Measurements.Notes,
            s.Measurements.Observations,
            s.Targets,
            s.Plan,
            TimelineSeries.From(s.Timeline, origin, s.StartedAt, s.EndedAt));
    }
}
