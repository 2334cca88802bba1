namespace Resilience.Bench.Results;

/// <summary>What one scenario run measured, as the chaos suite reported it.</summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Configuration">The configuration it ran on.</param>
/// <param name="Repetition">Which repetition, from 1.</param>
/// <param name="Outcome">The suite's outcome (<c>passed</c>, <c>failed</c>, <c>aborted</c>).</param>
/// <param name="AbortReason">Why it was aborted, when it was.</param>
/// <param name="Measurements">DESIGN.md measurements by name; null when the awaited event did not come in time.</param>
/// <param name="Observations">Figures without a target (retries, achieved rates, ...).</param>
/// <param name="DurationSeconds">How long the run took, preflight to report.</param>
public sealed record RunSample(
    string Scenario,
    string Configuration,
    int Repetition,
    string Outcome,
    string? AbortReason,
    IReadOnlyDictionary<string, double?> Measurements,
    IReadOnlyDictionary<string, double> Observations,
    double DurationSeconds)
{
    /// <summary>True when the suite aborted the run (preflight refused, safety stop, Ctrl-C): its figures are not counted.</summary>
    public bool Aborted => Outcome == "aborted";

    /// <summary>
    /// The measurement's value, or the observation's (such as <c>writeStallSeconds</c>, which has no target); null when
    /// it was not reached; absent (and null) when the scenario does not measure it.
    /// </summary>
    public double? Get(string name) =>
        Measurements.TryGetValue(name, out var v) ? v : Observations.TryGetValue(name, out var o) ? o : null;

    /// <summary>True when the scenario reported the measurement (reached or not) or the observation.</summary>
    public bool Measures(string name) => Measurements.ContainsKey(name) || Observations.ContainsKey(name);
}
