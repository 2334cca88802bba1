using Resilience.Bench.Results;

namespace Resilience.Bench.Tests;

/// <summary>Builds run samples for tests.</summary>
internal static class Samples
{
    public static RunSample Run(string scenario, string configuration, int repetition, params (string Name, double? Value)[] measurements) =>
        Run(scenario, configuration, repetition, "passed", measurements);

    public static RunSample Run(string scenario, string configuration, int repetition, string outcome, params (string Name, double? Value)[] measurements) =>
        new(scenario, configuration, repetition, outcome, outcome == "aborted" ? "preflight refused" : null,
            measurements.ToDictionary(m => m.Name, m => m.Value), new Dictionary<string, double>(), 30);
}
