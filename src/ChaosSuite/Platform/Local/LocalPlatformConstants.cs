namespace Resilience.ChaosSuite.Platform.Local;

internal static class LocalPlatformConstants
{
    public const string Kind = "local";

    /// <summary>Locally every member listens on its own port, so the port names the member that answered.</summary>
    public const string ServerIdentitySql = "inet_server_port()";

    public const string PrimaryGroup = "primary";

    /// <summary>
    /// Machine loss, freeze and switchover are real here; overload targets the write endpoint's HAProxy. The control plane
    /// (LocalCluster's status) is read back to back, and a replacement is warm in seconds.
    /// </summary>
    public static readonly PlatformCapabilities Capabilities = new(
        new Dictionary<FaultKind, string>
        {
            [FaultKind.MachineLoss] = "every process of the member SIGKILLed at once, its data directory deleted",
            [FaultKind.Freeze] = "every process of the member stopped with SIGSTOP, connections kept open; lifted with SIGCONT",
            [FaultKind.CpuStarvation] = $"every process of the member in a CPU cgroup, {new LocalCluster.CpuStarvation().Describe()}; lifted by removing the cap",
            [FaultKind.Switchover] = "Patroni's planned switchover to the named warm synchronous standby (the old primary stops cleanly and follows)",
            [FaultKind.OverloadTarget] = "CPU-heavy queries from the runner through the write endpoint; the supervisor evaluates the alarms",
            [FaultKind.DataCorruption] = "a bad statement through the write endpoint; repaired from a pgBackRest point-in-time copy on a spare port beside the stack",
            [FaultKind.ClusterLoss] = "every member SIGKILLed at once and its data directory deleted; restored from the pgBackRest repository into a new cluster (restore --cluster)",
        },
        ControlPlaneInterval: TimeSpan.Zero,
        SettleBudget: TimeSpan.FromSeconds(180));

    public static readonly TimeSpan MaxStatusAge = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);
}
