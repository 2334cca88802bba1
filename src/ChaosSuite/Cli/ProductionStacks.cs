using Resilience.Topology;

namespace Resilience.ChaosSuite.Cli;

/// <summary>
/// A stack marked production is never touched (observed, loaded or injected) unless the command spells
/// out <c>--allow-production &lt;stack&gt;</c>.
/// </summary>
internal static class ProductionStacks
{
    public const string Option = "--allow-production";

    /// <summary>
    /// True when <paramref name="spec"/> declares <c>resilience:environment: production</c>. The stack file
    /// decides, not its name (the policy pack's environment-declared policy warns about a production-like
    /// name that does not declare it).
    /// </summary>
    public static bool IsProduction(StackSpec spec) => spec.Environment == DeploymentEnvironment.Production;

    /// <summary>One line when <paramref name="spec"/> is production and <paramref name="allowed"/> does not name it; null otherwise.</summary>
    public static string? Refusal(StackSpec spec, string? allowed) =>
        !IsProduction(spec) || allowed == spec.StackName ? null
        : allowed is null
            ? $"stack {spec.StackName} is production; chaos touches it only with {Option} {spec.StackName}"
            : $"stack {spec.StackName} is production and {Option} names '{allowed}'; pass {Option} {spec.StackName} to run against it";
}
