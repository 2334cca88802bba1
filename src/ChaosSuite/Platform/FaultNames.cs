namespace Resilience.ChaosSuite.Platform;

/// <summary>The names users read for <see cref="FaultKind"/> (messages, plans, reports).</summary>
public static class FaultNames
{
    /// <summary>The kebab-case name of <paramref name="kind"/>: <c>machine-loss</c>, <c>overload-target</c>.</summary>
    public static string Of(FaultKind kind) => kind switch
    {
        FaultKind.MachineLoss => "machine-loss",
        FaultKind.Reboot => "reboot",
        FaultKind.Failover => "failover",
        FaultKind.Switchover => "switchover",
        FaultKind.Freeze => "freeze",
        FaultKind.CpuStarvation => "cpu-starvation",
        FaultKind.OverloadTarget => "overload-target",
        FaultKind.DataCorruption => "data-corruption",
        FaultKind.ClusterLoss => "cluster-loss",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown fault kind"),
    };
}
