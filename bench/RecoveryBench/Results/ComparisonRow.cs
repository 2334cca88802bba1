using Resilience.Bench.Statistics;

namespace Resilience.Bench.Results;

/// <summary>One measurement of one scenario on both configurations.</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="Measurement">The measurement's DESIGN.md name.</param>
/// <param name="Ours">Its summary on our configuration.</param>
/// <param name="Baseline">Its summary on the baseline.</param>
/// <param name="Ratio">Ours median / baseline median, when both exist and the baseline's is not 0.</param>
public sealed record ComparisonRow(string Scenario, string Measurement, Summary Ours, Summary Baseline, double? Ratio);
