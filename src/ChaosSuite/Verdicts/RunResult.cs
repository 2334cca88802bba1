using Resilience.ChaosSuite.Timeline;

namespace Resilience.ChaosSuite.Verdicts;

/// <summary>A whole run (one scenario or a game-day) for the reports.</summary>
/// <param name="Stack">The stack's name.</param>
/// <param name="Platform">The platform's kind.</param>
/// <param name="Command">The command (<c>run</c>, <c>gameday</c>, <c>preflight</c>).</param>
/// <param name="Seed">The seed of every random choice (victim, jitter, injection).</param>
/// <param name="Clock">The run's clock.</param>
/// <param name="EndedAt">Run seconds when it ended.</param>
/// <param name="Scenarios">Each scenario's result, in order.</param>
/// <param name="Cell">The cell the run drove when the stack has several, else null.</param>
internal sealed record RunResult(string Stack, string Platform, string Command, int Seed, RunClock Clock, double EndedAt, IReadOnlyList<ScenarioResult> Scenarios, string? Cell = null)
{
    /// <summary>Aborted if any scenario was, failed if any missed a target, else passed.</summary>
    public ScenarioOutcome Outcome => Judge.RunOutcome(Scenarios.Select(s => s.Outcome));
}
