namespace Resilience.Topology;

/// <summary>The chaos suite's scenario names, as a game-day lists them.</summary>
public static class Scenarios
{
    /// <summary>Every scenario the suite knows, in the order a full game-day runs them.</summary>
    public static IReadOnlyList<string> All { get; } =
        ["replica-hardware-failure", "primary-failure", "primary-hang", "primary-overload", "app-faults", "double-fault", "primary-degraded-host", "table-corruption", "cluster-loss"];
}
