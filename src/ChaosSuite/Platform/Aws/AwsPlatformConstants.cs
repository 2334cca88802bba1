namespace Resilience.ChaosSuite.Platform.Aws;

internal static class AwsPlatformConstants
{
    public const string Kind = "aws";

    /// <summary>Aurora PostgreSQL names the instance that answered; instance endpoints share the port, so the port cannot.</summary>
    public const string ServerIdentitySql = "aurora_db_instance_identifier()";

    /// <summary>The scenario tag value the Pulumi program puts on each FIS template (infra/aws/fisExperiments.ts).</summary>
    public const string PrimaryFailureScenario = "primary-failure";

    public const string ReplicaFailureScenario = "replica-hardware-failure";

    /// <summary>
    /// What Aurora can do, as FIS templates the program declares. There is no "lose a host" action for
    /// RDS: a machine loss is a reboot, and the lines below say so wherever a plan or report quotes them.
    /// Freeze is not offered (primary-hang is refused). RDS Describe* calls are read about once a second
    /// at most; a new Aurora reader takes minutes, hence the settle budget.
    /// </summary>
    public static readonly PlatformCapabilities Capabilities = new(
        new Dictionary<FaultKind, string>
        {
            [FaultKind.MachineLoss] = "on Aurora a machine loss is a reboot: a writer is lost through the FIS writer-failover template (aws:rds:failover-db-cluster: a reader is promoted, the old writer restarts as a reader), a reader through the FIS reader-reboot template (aws:rds:reboot-db-instances, never the failover target); the instance comes back under its own name",
            [FaultKind.Reboot] = "the FIS reader-reboot template (aws:rds:reboot-db-instances) on a reader that is not the failover target",
            [FaultKind.Failover] = "the FIS writer-failover template (aws:rds:failover-db-cluster)",
            [FaultKind.Switchover] = SwitchoverLine,
            [FaultKind.OverloadTarget] = "CPU-heavy queries from the runner through the writer endpoint; the alarms are read from CloudWatch (state and history)",
            [FaultKind.DataCorruption] = DataCorruption,
        },
        ControlPlaneInterval: TimeSpan.FromSeconds(1),
        SettleBudget: TimeSpan.FromMinutes(30));

    /// <summary>The restore drill's fault (AwsPlatform.Restores.cs): a bad statement, repaired from a point-in-time clone.</summary>
    private const string DataCorruption =
        "a bad statement through the writer endpoint; repaired from a point-in-time clone of the cluster (RestoreDBClusterToPointInTime into a temporary cluster with one instance, both deleted afterwards)";

    /// <summary>The same capabilities, each line naming what will be used in <paramref name="cell"/>.</summary>
    public static PlatformCapabilities CapabilitiesOf(AuroraCell cell)
    {
        var readers = string.Join(", ", cell.ReplicaFailureTargets.Select(arn => arn[(arn.LastIndexOf(':') + 1)..]));
        var writer = $"FIS template {cell.PrimaryFailureTemplate} (aws:rds:failover-db-cluster on cluster {cell.ClusterIdentifier}: a reader is promoted, the old writer restarts as a reader)";
        var reader = $"FIS template {cell.ReplicaFailureTemplate} (aws:rds:reboot-db-instances on one of {readers}; never the failover target)";
        return Capabilities with
        {
            Faults = new Dictionary<FaultKind, string>
            {
                [FaultKind.MachineLoss] = $"on Aurora a machine loss is a reboot (the instance comes back under its own name): a writer through {writer}, a reader through {reader}",
                [FaultKind.Reboot] = reader,
                [FaultKind.Failover] = writer,
                [FaultKind.Switchover] = $"{SwitchoverLine} (cluster {cell.ClusterIdentifier})",
                [FaultKind.OverloadTarget] = $"CPU-heavy queries from the runner through {cell.WriterEndpoint}; alarms {string.Join(", ", cell.AlarmNames.Values)} read from CloudWatch (state and history)",
                [FaultKind.DataCorruption] = DataCorruption,
            },
        };
    }

    /// <summary>FIS has no action that names the new writer; RDS's own call does (and the runner role allows it on its clusters only).</summary>
    private const string SwitchoverLine = "RDS FailoverDBCluster with TargetDBInstanceIdentifier: to the named reader when it is in the warm-readers endpoint, or, when the writer is named, to the warm reader of the highest promotion tier; complete when RDS names it writer and the writer endpoint answers from it";

    /// <summary>Aurora's failover "typically completes within 30 seconds" and the writer endpoint's DNS follows in 15-20 s.</summary>
    public static readonly TimeSpan SwitchoverTimeout = TimeSpan.FromSeconds(120);

    /// <summary>How often the routing read is repeated while a switchover completes (the RDS read keeps its own interval).</summary>
    public static readonly TimeSpan SwitchoverPoll = TimeSpan.FromMilliseconds(100);

    /// <summary>IAM tokens live 15 minutes; fetch a new one well before.</summary>
    public static readonly TimeSpan TokenRefresh = TimeSpan.FromMinutes(10);

    public static readonly TimeSpan TokenRetry = TimeSpan.FromSeconds(5);

    /// <summary>FIS takes seconds to move an experiment from initiating to running.</summary>
    public static readonly TimeSpan ExperimentStartTimeout = TimeSpan.FromSeconds(90);

    public static readonly TimeSpan ExperimentPoll = TimeSpan.FromSeconds(1);

    /// <summary>A routing read (one SQL query on an endpoint) that takes longer is treated as unanswered.</summary>
    public static readonly TimeSpan RoutingTimeout = TimeSpan.FromSeconds(2);
}
