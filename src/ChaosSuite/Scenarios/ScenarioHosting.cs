using Resilience.ChaosSuite.Platform;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Scenarios;

/// <summary>Whether a platform can host a scenario: it must declare every fault the scenario needs.</summary>
internal static class ScenarioHosting
{
    /// <summary>The stack-file key that lists a game-day's scenarios: what a user changes when a platform cannot host one.</summary>
    public const string ScenariosKey = "resilience:gameday.scenarios";

    /// <summary>
    /// One line naming the scenario, the missing fault (or the missing stack section), the platform and the key to
    /// change when <paramref name="capabilities"/> lacks a fault <paramref name="scenario"/> needs or the stack file
    /// lacks what it needs; null when it can host it.
    /// </summary>
    public static string? Refusal(ChaosScenario scenario, string platformKind, PlatformCapabilities capabilities, StackSpec spec)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(capabilities);
        ArgumentNullException.ThrowIfNull(spec);
        // The platform first: what the stack file lacks may not even be possible there (Kubernetes has no commit-latency metric).
        var missing = scenario.RequiredFaults.Where(f => !capabilities.CanInject(f)).ToList();
        if (missing.Count > 0)
        {
            return $"scenario {scenario.Name} needs the fault {string.Join(" and ", missing.Select(FaultNames.Of))}, which platform {platformKind} (stack {spec.StackName}) cannot inject; "
                + $"remove {scenario.Name} from {ScenariosKey} in Pulumi.{spec.StackName}.yaml";
        }

        return scenario.SpecProblem(spec) is { } problem
            ? $"scenario {scenario.Name} {problem}; add it (docs/configuration.md) or remove {scenario.Name} from {ScenariosKey} in Pulumi.{spec.StackName}.yaml"
            : null;
    }

    /// <summary>The first refusal among <paramref name="scenarios"/>, or null when the platform can host them all.</summary>
    public static string? Refusal(IEnumerable<ChaosScenario> scenarios, IDatabasePlatform platform, StackSpec spec)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(platform);
        return scenarios.Select(s => Refusal(s, platform.Kind, platform.Capabilities, spec)).FirstOrDefault(r => r is not null);
    }
}
