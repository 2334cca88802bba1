namespace Resilience.ChaosSuite.Scenarios.ClusterLoss;

internal static class ClusterLossConstants
{
    public const string Name = "cluster-loss";

    public static readonly TimeSpan BackupWait = TimeSpan.FromSeconds(180);

    public static readonly TimeSpan RecoveryGrace = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan HardDeadlineMargin = TimeSpan.FromSeconds(60);
}
