namespace Resilience.Bench.Planning;

/// <summary>One scenario run in the benchmark's order.</summary>
/// <param name="Index">Position in the whole plan, from 0.</param>
/// <param name="Scenario">The chaos scenario's name.</param>
/// <param name="Configuration">The configuration's name (<c>ours</c>, <c>baseline</c>).</param>
/// <param name="Repetition">Which repetition of this scenario on this configuration, from 1.</param>
public sealed record PlannedRun(int Index, string Scenario, string Configuration, int Repetition);
