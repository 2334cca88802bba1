using Resilience.ChaosSuite.Scenarios.AppFaults;
using Resilience.ChaosSuite.Scenarios.ClusterLoss;
using Resilience.ChaosSuite.Scenarios.DoubleFault;
using Resilience.ChaosSuite.Scenarios.PrimaryDegradedHost;
using Resilience.ChaosSuite.Scenarios.PrimaryFailure;
using Resilience.ChaosSuite.Scenarios.PrimaryHang;
using Resilience.ChaosSuite.Scenarios.PrimaryOverload;
using Resilience.ChaosSuite.Scenarios.ReplicaHardwareFailure;
using Resilience.ChaosSuite.Scenarios.TableCorruption;

namespace Resilience.ChaosSuite.Scenarios;

/// <summary>Every scenario by name; a scenario instance is used for one run only.</summary>
internal static class ScenarioCatalog
{
    private static readonly Dictionary<string, Func<ChaosScenario>> Factories = new(StringComparer.Ordinal)
    {
        ["replica-hardware-failure"] = () => new ReplicaHardwareFailureScenario(),
        ["primary-failure"] = () => new PrimaryFailureScenario(),
        ["primary-hang"] = () => new PrimaryHangScenario(),
        ["primary-overload"] = () => new PrimaryOverloadScenario(),
        ["app-faults"] = () => new AppFaultsScenario(),
        ["double-fault"] = () => new DoubleFault.DoubleFaultScenario(),
        ["primary-degraded-host"] = () => new PrimaryDegradedHostScenario(),
        ["table-corruption"] = () => new TableCorruptionScenario(),
        ["cluster-loss"] = () => new ClusterLossScenario(),
    };

    /// <summary>The names, in the order a full game-day runs them (<see cref="Topology.Scenarios.All"/>).</summary>
    public static IReadOnlyList<string> Names => Topology.Scenarios.All;

    /// <summary>A new instance of the scenario named <paramref name="name"/>, or null when there is none.</summary>
    public static ChaosScenario? Create(string name) => Factories.TryGetValue(name, out var factory) ? factory() : null;
}
