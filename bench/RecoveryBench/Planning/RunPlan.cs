namespace Resilience.Bench.Planning;

/// <summary>
/// The order of the comparison's runs. Configurations alternate (A, B, A, B) for every scenario, and the
/// repetitions are interleaved across scenarios, so that a slow minute of a noisy machine lands on both
/// configurations and on several scenarios instead of on one configuration's whole series.
/// </summary>
public static class RunPlan
{
    /// <summary>
    /// For repetition 1..<paramref name="runs"/>, for every scenario in order, every configuration in order:
    /// with configurations A, B and scenarios s, t that is s/A, s/B, t/A, t/B, s/A, s/B, t/A, t/B, ...
    /// </summary>
    public static IReadOnlyList<PlannedRun> Alternating(IReadOnlyList<string> scenarios, IReadOnlyList<string> configurations, int runs)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(configurations);
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        if (configurations.Count == 0)
        {
            throw new ArgumentException("at least one configuration is needed", nameof(configurations));
        }

        var plan = new List<PlannedRun>(scenarios.Count * configurations.Count * runs);
        for (var repetition = 1; repetition <= runs; repetition++)
        {
            foreach (var scenario in scenarios)
            {
                foreach (var configuration in configurations)
                {
                    plan.Add(new PlannedRun(plan.Count, scenario, configuration, repetition));
                }
            }
        }

        return plan;
    }
}
