namespace Resilience.Topology;

/// <summary>The whole environment spec of one stack: every <c>resilience:*</c> key, defaults applied.</summary>
public sealed record StackSpec(
    string StackName,
    Platform Platform,
    DeploymentEnvironment Environment,
    DatabaseSpec Database,
    IReadOnlyList<ReplicaGroupSpec> ReplicaGroups,
    EndpointsSpec Endpoints,
    IReadOnlyList<AlarmSpec> Alarms,
    RecoveryTargets RecoveryTargets,
    IReadOnlyList<CellSpec> Cells,
    GamedaySpec Gameday,
    NotificationsSpec Notifications,
    LocalPlatformSpec Local,
    AwsPlatformSpec? Aws,
    KubernetesPlatformSpec? Kubernetes)
{
    /// <summary>Backups and the restore drills' targets (<c>resilience:backup</c>).</summary>
    /// <value>Defaults to daily full backups at 02:00 UTC, 2 kept, restoreSeconds 300, recoveryPointSeconds 60.</value>
    public BackupSpec Backup { get; init; } = Internal.BackupDefaults.Spec;

    /// <summary>The group with this name, or null.</summary>
    public ReplicaGroupSpec? FindGroup(string name) => ReplicaGroups.FirstOrDefault(g => g.Name == name);

    /// <summary>
    /// What <paramref name="scenario"/> is judged against: its <c>resilience:gameday.targets</c> entry (the stack-wide
    /// targets with that scenario's overrides), or the stack-wide <see cref="RecoveryTargets"/> when it has none.
    /// </summary>
    public RecoveryTargets TargetsFor(string scenario) =>
        Gameday.Targets.TryGetValue(scenario, out var targets) ? targets : RecoveryTargets;

    /// <summary>
    /// This spec as <paramref name="scenario"/> sees it: <see cref="RecoveryTargets"/> replaced by <see cref="TargetsFor"/>,
    /// so its plan, deadlines, verdicts and reports all use the same targets.
    /// </summary>
    public StackSpec ForScenario(string scenario) => this with { RecoveryTargets = TargetsFor(scenario) };
}

/// <summary>Where the spec is realized.</summary>
public enum Platform
{
    /// <summary>LocalCluster on this machine.</summary>
    Local,

    /// <summary>Aurora PostgreSQL.</summary>
    Aws,

    /// <summary>CloudNativePG.</summary>
    Kubernetes,
}

/// <summary>What a stack is for (<c>resilience:environment</c>); only production gets production's guards.</summary>
public enum DeploymentEnvironment
{
    /// <summary>A developer's or CI's stack.</summary>
    Development,

    /// <summary>A lower environment where upgrades pass their game-day first.</summary>
    Staging,

    /// <summary>Final snapshots, mandatory policies, the stricter thresholds.</summary>
    Production,
}

/// <summary>The primary database.</summary>
public sealed record DatabaseSpec(
    string EngineVersion,
    string InstanceClass,
    int StorageGb,
    bool SynchronousReplication,
    int BackupRetentionDays,
    bool DeletionProtection,
    bool AllowMajorVersionUpgrade,
    string? KmsKeyId,
    string DatabaseName,
    string MasterUsername,
    UpgradeEvidence? UpgradeEvidence,
    string MaintenanceWindow = Internal.SpecDefaults.MaintenanceWindow,
    string BackupWindow = Internal.SpecDefaults.BackupWindow);

/// <summary>The game-day an engine version passed in a lower environment.</summary>
public sealed record UpgradeEvidence(string Version, string Stack, string Report);

/// <summary>An auto-healing group of replicas.</summary>
public sealed record ReplicaGroupSpec(
    string Name,
    GroupSize Size,
    string InstanceClass,
    int PromotionTier,
    AutoscalingSpec? Autoscaling,
    WarmupPolicy Warmup);

/// <summary>Member counts of a replica group: min &lt;= desired &lt;= max.</summary>
public sealed record GroupSize(int Min, int Desired, int Max);

/// <summary>Scale-out on the group's average CPU.</summary>
public sealed record AutoscalingSpec(double TargetCpuPercent, int SustainSeconds, int ScaleInCooldownSeconds);

/// <summary>When a replica counts as warm enough to take reads (the warm-up gate's policy).</summary>
public sealed record WarmupPolicy(
    IReadOnlyList<string>? Relations,
    IReadOnlyList<string> Databases,
    bool FullStorageRead,
    double MaxReplayLagSeconds,
    double MinWarmSeconds,
    double LagGraceSeconds,
    double IoRateMbPerSecond)
{
    /// <summary>True when every user relation of the databases is prewarmed (<c>relations: all</c>).</summary>
    public bool AllRelations => Relations is null;
}

/// <summary>The write and read endpoints' names.</summary>
public sealed record EndpointsSpec(string WriteName, string ReadName);

/// <summary>An alarm on one metric.</summary>
public sealed record AlarmSpec(
    string Name,
    AlarmMetric Metric,
    AlarmComparison Comparison,
    double Threshold,
    int PeriodSeconds,
    int EvaluationPeriods)
{
    /// <summary>True when <paramref name="value"/> is on the alarming side of the threshold.</summary>
    public bool IsBreachedBy(double value) =>
        Comparison == AlarmComparison.GreaterThan ? value > Threshold : value < Threshold;
}

/// <summary>What an alarm watches.</summary>
public enum AlarmMetric
{
    /// <summary>CPU of the primary, percent.</summary>
    PrimaryCpuPercent,

    /// <summary>Average CPU of the readers, percent.</summary>
    ReaderCpuPercent,

    /// <summary>Largest replay lag among replicas, seconds.</summary>
    ReplicaLagSeconds,

    /// <summary>Replicas whose warm-up gate is open.</summary>
    HealthyWarmReplicas,

    /// <summary>Client connections to the primary.</summary>
    Connections,

    /// <summary>Freeable memory, bytes.</summary>
    FreeableMemoryBytes,

    /// <summary>Disk queue depth.</summary>
    DiskQueueDepth,

    /// <summary>Write I/O operations per second.</summary>
    WriteIops,

    /// <summary>Average active sessions.</summary>
    DbLoad,

    /// <summary>
    /// How long a commit takes as a client sees it, milliseconds: locally the slowest of the supervisor's probe
    /// commits through the write endpoint each second; on Aurora CloudWatch's CommitLatency (an average).
    /// </summary>
    CommitLatencyMs,
}

/// <summary>Which side of the threshold alarms.</summary>
public enum AlarmComparison
{
    /// <summary>Alarm when the value is above the threshold.</summary>
    GreaterThan,

    /// <summary>Alarm when the value is below the threshold.</summary>
    LessThan,
}

/// <summary>The bound of every measurement in DESIGN.md; measured must be &lt;= target.</summary>
public sealed record RecoveryTargets(
    double WriteUnavailableSeconds,
    double ReaderRemovalSeconds,
    double ReplacementSeconds,
    double WarmupSeconds,
    int LostWrites,
    int FailedReads,
    int FailedWrites,
    int ColdReads,
    double AlarmDetectSeconds,
    int FalseFailovers,
    double SwitchoverWriteUnavailableSeconds)
{
    /// <summary>Every target by its measurement name, as named in DESIGN.md.</summary>
    public IReadOnlyDictionary<string, double> ByName => new Dictionary<string, double>
    {
        ["writeUnavailableSeconds"] = WriteUnavailableSeconds,
        ["readerRemovalSeconds"] = ReaderRemovalSeconds,
        ["replacementSeconds"] = ReplacementSeconds,
        ["warmupSeconds"] = WarmupSeconds,
        ["lostWrites"] = LostWrites,
        ["failedReads"] = FailedReads,
        ["failedWrites"] = FailedWrites,
        ["coldReads"] = ColdReads,
        ["alarmDetectSeconds"] = AlarmDetectSeconds,
        ["falseFailovers"] = FalseFailovers,
        ["switchoverWriteUnavailableSeconds"] = SwitchoverWriteUnavailableSeconds,
    };
}

/// <summary>A pod of customers with its own database.</summary>
public sealed record CellSpec(string Name, string Database);

/// <summary>The scheduled game-day.</summary>
/// <param name="Scenarios">The scenarios a game-day runs, in order.</param>
/// <param name="Schedule">Five-field cron expression, UTC.</param>
/// <param name="Image">The chaos suite's container image the cloud schedulers run (required on aws and kubernetes); null on local.</param>
public sealed record GamedaySpec(IReadOnlyList<string> Scenarios, string Schedule, string? Image = null)
{
    /// <summary>
    /// Gets the targets of the scenarios with an entry in <c>resilience:gameday.targets</c>, by scenario name: the stack-wide
    /// <c>resilience:recoveryTargets</c> with that entry's keys replaced (see <see cref="StackSpec.TargetsFor"/>).
    /// </summary>
    /// <value>Empty by default: every scenario is judged against the stack-wide targets.</value>
    public IReadOnlyDictionary<string, RecoveryTargets> Targets { get; init; } = new Dictionary<string, RecoveryTargets>();
}

/// <summary>Where alarm state changes are sent.</summary>
public sealed record NotificationsSpec(IReadOnlyList<string> Emails, ConfigValue? WebhookUrl);

/// <summary>LocalCluster ports, state and timing.</summary>
public sealed record LocalPlatformSpec(int PortBase, string? StateDir, PatroniTiming Patroni, HaproxyTiming Haproxy);

/// <summary>Patroni's leader-election timing; the rules on it live here, for the spec reader and the LocalCluster CLI alike.</summary>
public sealed record PatroniTiming(int TtlSeconds, int LoopWaitSeconds, int RetryTimeoutSeconds)
{
    /// <summary>The least any of the three may be, in seconds.</summary>
    public const int MinimumSeconds = 1;

    /// <summary>
    /// Gets the least ttl that is safe: a leader must be able to renew its lock after a loop and two timed-out store calls,
    /// or a healthy primary loses the lock (Patroni's own rule: ttl &gt;= loop_wait + 2 x retry_timeout).
    /// </summary>
    public int MinimumTtlSeconds => LoopWaitSeconds + (2 * RetryTimeoutSeconds);
}

/// <summary>HAProxy's health-check timing; the rules on it live here, for the spec reader and the LocalCluster CLI alike.</summary>
public sealed record HaproxyTiming(int CheckIntervalMs, int Fall, int Rise)
{
    /// <summary>The shortest check interval: below it, checks of Patroni's REST API load a 2-core machine.</summary>
    public const int MinCheckIntervalMs = 50;

    /// <summary>The longest check interval: beyond it, a lost member stays in an endpoint for minutes.</summary>
    public const int MaxCheckIntervalMs = 60000;

    /// <summary>The least fall and rise may be.</summary>
    public const int MinimumChecks = 1;
}

/// <summary>AWS networking inputs; the program does not create a VPC.</summary>
public sealed record AwsPlatformSpec(
    string VpcId,
    IReadOnlyList<string> SubnetIds,
    IReadOnlyList<string> AvailabilityZones,
    IReadOnlyList<string> AllowedSecurityGroupIds,
    int PerformanceInsightsRetentionDays);

/// <summary>Kubernetes placement for CloudNativePG.</summary>
public sealed record KubernetesPlatformSpec(
    string Namespace,
    string? StorageClass,
    IReadOnlyList<string> Zones,
    string OperatorChartVersion,
    string? BackupDestinationPath = null,
    string? BackupRoleArn = null,
    IReadOnlyList<string>? MonitoringLabels = null,
    bool Monitoring = true);

/// <summary>A config value that may be a secret; a secret's text is opaque ciphertext and is never shown.</summary>
public sealed record ConfigValue(string Value, bool IsSecret)
{
    /// <inheritdoc />
    public override string ToString() => IsSecret ? "[secret]" : Value;
}
