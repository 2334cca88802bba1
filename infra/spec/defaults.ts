/** Every default of docs/configuration.md, in one place. */
import type { AlarmSpec, RecoveryTargets, Scenario, WarmupPolicy } from "./model";

export const DEFAULT_PLATFORM = "local";

/** Only `production` gets production's guards (final snapshots, mandatory policies); a name never does. */
export const DEFAULT_ENVIRONMENT = "development";

export const DATABASE_DEFAULTS = {
    engineVersion: "15",
    instanceClass: "db.r6g.large",
    storageGb: 20,
    synchronousReplication: true,
    backupRetentionDays: 7,
    deletionProtection: false,
    allowMajorVersionUpgrade: false,
    databaseName: "app",
    masterUsername: "app",
    /** Sunday night UTC: clear of the default game-day (Monday 03:00) and of the backup window. */
    maintenanceWindow: "sun:22:00-sun:22:30",
    /** Daily, UTC. */
    backupWindow: "01:00-01:30",
} as const;

export const DEFAULT_GROUP_NAME = "readers";
export const SIZE_DEFAULTS = { min: 1, desired: 2, max: 3 } as const;
export const MAX_GROUP_SIZE = 15;
export const DEFAULT_PROMOTION_TIER = 1;

export const AUTOSCALING_DEFAULTS = {
    targetCpuPercent: 70,
    sustainSeconds: 60,
    scaleInCooldownSeconds: 300,
} as const;

/** `databases` defaults to `[app]` whatever the database's name (docs/configuration.md). */
export const WARMUP_DEFAULTS: WarmupPolicy = {
    relations: "all",
    databases: ["app"],
    fullStorageRead: false,
    maxReplayLagSeconds: 1,
    minWarmSeconds: 10,
    lagGraceSeconds: 3,
    ioRateMbPerSecond: 0,
};

export const ENDPOINT_DEFAULTS = { write: "writer", read: "warm-readers" } as const;

export const ALARM_DEFAULTS = { comparison: "greaterThan", periodSeconds: 60, evaluationPeriods: 3 } as const;

export const DEFAULT_ALARMS: readonly AlarmSpec[] = [
    { name: "primary-cpu-high", metric: "primaryCpuPercent", comparison: "greaterThan", threshold: 80, periodSeconds: 60, evaluationPeriods: 3 },
    { name: "reader-cpu-high", metric: "readerCpuPercent", comparison: "greaterThan", threshold: 80, periodSeconds: 60, evaluationPeriods: 3 },
    { name: "replica-lag-high", metric: "replicaLagSeconds", comparison: "greaterThan", threshold: 5, periodSeconds: 60, evaluationPeriods: 3 },
    { name: "warm-replicas-low", metric: "healthyWarmReplicas", comparison: "lessThan", threshold: 1, periodSeconds: 60, evaluationPeriods: 1 },
    { name: "connections-high", metric: "connections", comparison: "greaterThan", threshold: 80, periodSeconds: 60, evaluationPeriods: 3 },
];

export const RECOVERY_TARGET_DEFAULTS: RecoveryTargets = {
    writeUnavailableSeconds: 30,
    readerRemovalSeconds: 15,
    replacementSeconds: 600,
    warmupSeconds: 300,
    lostWrites: 0,
    failedReads: 0,
    failedWrites: 100,
    coldReads: 0,
    alarmDetectSeconds: 120,
    falseFailovers: 0,
    switchoverWriteUnavailableSeconds: 30,
};

/** Recovery targets that count events, and so must be integers. */
export const COUNT_TARGETS: readonly (keyof RecoveryTargets)[] = [
    "lostWrites",
    "failedReads",
    "failedWrites",
    "coldReads",
    "falseFailovers",
];

export const DEFAULT_CELL_NAME = "default";

export const DEFAULT_SCENARIOS: readonly Scenario[] = ["replica-hardware-failure", "primary-failure", "primary-overload"];
export const DEFAULT_SCHEDULE = "0 3 * * 1";
/** How long a game-day run may take from each start of its schedule; no window may overlap it. */
export const GAMEDAY_RUN_MINUTES = 120;

export const LOCAL_DEFAULTS = {
    portBase: 25400,
    patroni: { ttlSeconds: 6, loopWaitSeconds: 1, retryTimeoutSeconds: 2 },
    haproxy: { checkIntervalMs: 250, fall: 2, rise: 1 },
} as const;

export const AWS_DEFAULTS = { performanceInsightsRetentionDays: 7 } as const;

/**
 * Chart 0.29.0 ships CloudNativePG 1.30.0 (appVersion "1.30.0" in charts/cloudnative-pg/Chart.yaml at
 * the cloudnative-pg/charts tag cloudnative-pg-v0.29.0, checked upstream): supported, with the Cluster's scale
 * selector a HorizontalPodAutoscaler needs. `release=kube-prometheus-stack` is what that chart's
 * Prometheus selects PodMonitors and PrometheusRules on by default.
 */
export const KUBERNETES_DEFAULTS = {
    namespace: "databases",
    operatorChartVersion: "0.29.0",
    monitoring: true,
    monitoringLabels: ["release=kube-prometheus-stack"],
} as const;

/** `resilience:backup` (src/Topology/Internal/BackupDefaults.cs). */
export const BACKUP_DEFAULTS = {
    schedule: "0 2 * * *",
    retentionFullBackups: 2,
    targets: { restoreSeconds: 300, recoveryPointSeconds: 60 },
} as const;
