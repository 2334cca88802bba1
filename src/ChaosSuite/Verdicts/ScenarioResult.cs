using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Timeline;

namespace Resilience.ChaosSuite.Verdicts;

/// <summary>One scenario's result: what was done, what happened when, what was measured and judged.</summary>
/// <param name="Name">The scenario's name.</param>
/// <param name="Summary">What it does, one line.</param>
/// <param name="Outcome">Passed, failed, aborted or dry run.</param>
/// <param name="AbortReason">Why it was aborted, one line.</param>
/// <param name="StartedAt">Run seconds when it started.</param>
/// <param name="EndedAt">Run seconds when it ended.</param>
/// <param name="Fault">What was injected, when it was.</param>
/// <param name="Phases">Every phase, recorded and derived, in time order.</param>
/// <param name="Measurements">What was measured.</param>
/// <param name="Targets">Every judged target.</param>
/// <param name="Timeline">The raw timeline (for charts).</param>
/// <param name="Plan">What the scenario does (or would do, in a dry run), step by step.</param>
internal sealed record ScenarioResult(
    string Name,
    string Summary,
    ScenarioOutcome Outcome,
    string? AbortReason,
    double StartedAt,
    double EndedAt,
    FaultRecord? Fault,
    IReadOnlyList<PhaseMark> Phases,
    MeasurementSet Measurements,
    IReadOnlyList<TargetVerdict> Targets,
    TimelineSnapshot Timeline,
    IReadOnlyList<string> Plan)
{
    /// <summary>Seconds from the injection to <paramref name="at"/>, or from the scenario's start when nothing was injected.</summary>
    public double OffsetFromInjection(double at) => at - (Fault?.InjectedAt ?? StartedAt);
}
