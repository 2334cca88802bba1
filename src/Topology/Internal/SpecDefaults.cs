namespace Resilience.Topology.Internal;

/// <summary>Default values of the environment spec; docs/configuration.md and infra/config.ts list the same.</summary>
internal static class SpecDefaults
{
    public const DeploymentEnvironment Environment = DeploymentEnvironment.Development;

    public const string EngineVersion = "15";
    public const string InstanceClass = "db.r6g.large";
    public const int StorageGb = 20;
    public const int BackupRetentionDays = 7;
    public const string DatabaseName = "app";
    public const string MasterUsername = "app";

    /// <summary>Sunday night UTC: clear of the default game-day (Monday 03:00) and of the backup window.</summary>
    public const string MaintenanceWindow = "sun:22:00-sun:22:30";

    /// <summary>Daily, UTC.</summary>
    public const string BackupWindow = "01:00-01:30";

    public const string GroupName = "readers";
    public static readonly GroupSize GroupSize = new(1, 2, 3);
    public const int MaxGroupSize = 15;
    public const int PromotionTier = 1;
    public const double TargetCpuPercent = 70;
    public const int SustainSeconds = 60;
    public const int ScaleInCooldownSeconds = 300;

    public const double MaxReplayLagSeconds = 1;
    public const double MinWarmSeconds = 10;
    public const double LagGraceSeconds = 3;

    public const string WriteEndpoint = "writer";
    public const string ReadEndpoint = "warm-readers";

    public const int AlarmPeriodSeconds = 60;
    public const int AlarmEvaluationPeriods = 3;

    public static readonly RecoveryTargets RecoveryTargets = new(
        WriteUnavailableSeconds: 30,
        ReaderRemovalSeconds: 15,
        ReplacementSeconds: 600,
        WarmupSeconds: 300,
        LostWrites: 0,
        FailedReads: 0,
        FailedWrites: 100,
        ColdReads: 0,
        AlarmDetectSeconds: 120,
        FalseFailovers: 0,
        SwitchoverWriteUnavailableSeconds: 30);

    public const string CellName = "default";

    public static readonly string[] Scenarios = ["replica-hardware-failure", "primary-failure", "primary-overload"];
    public const string Schedule = "0 3 * * 1";

    /// <summary>How long a game-day run may take from each start of its schedule; no window may overlap it.</summary>
    public const int GamedayRunMinutes = 120;

    public const int PortBase = 25400;
    public static readonly PatroniTiming Patroni = new(TtlSeconds: 6, LoopWaitSeconds: 1, RetryTimeoutSeconds: 2);
    public static readonly HaproxyTiming Haproxy = new(CheckIntervalMs: 250, Fall: 2, Rise: 1);

    public const int PerformanceInsightsRetentionDays = 7;
    public const string KubernetesNamespace = "databases";
    /// <summary>
    /// Chart 0.29.0 ships CloudNativePG 1.30.0 (appVersion in charts/cloudnative-pg/Chart.yaml at the cloudnative-pg/charts tag
    /// cloudnative-pg-v0.29.0, checked upstream): supported, with the scale selector an autoscaler needs.
    /// </summary>
    public const string OperatorChartVersion = "0.29.0";

    /// <summary>PodMonitors and PrometheusRules are declared (they need the Prometheus operator's CRDs in the cluster).</summary>
    public const bool KubernetesMonitoring = true;

    /// <summary>What kube-prometheus-stack's Prometheus selects PodMonitors and PrometheusRules on by default.</summary>
    public static readonly string[] MonitoringLabels = ["release=kube-prometheus-stack"];

    public static IReadOnlyList<AlarmSpec> Alarms { get; } =
    [
        new("primary-cpu-high", AlarmMetric.PrimaryCpuPercent, AlarmComparison.GreaterThan, 80, AlarmPeriodSeconds, AlarmEvaluationPeriods),
        new("reader-cpu-high", AlarmMetric.ReaderCpuPercent, AlarmComparison.GreaterThan, 80, AlarmPeriodSeconds, AlarmEvaluationPeriods),
        new("replica-lag-high", AlarmMetric.ReplicaLagSeconds, AlarmComparison.GreaterThan, 5, AlarmPeriodSeconds, AlarmEvaluationPeriods),
        new("warm-replicas-low", AlarmMetric.HealthyWarmReplicas, AlarmComparison.LessThan, 1, AlarmPeriodSeconds, 1),
        new("connections-high", AlarmMetric.Connections, AlarmComparison.GreaterThan, 80, AlarmPeriodSeconds, AlarmEvaluationPeriods),
    ];
}
