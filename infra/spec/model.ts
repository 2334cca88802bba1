/**
 * The environment spec (docs/configuration.md) as typed, immutable values. The shape is exactly
 * the normalized JSON: field names and order as in the doc, every default applied.
 */
import type { SecretValue } from "./secret";

export const PLATFORMS = ["local", "aws", "kubernetes"] as const;
export type Platform = (typeof PLATFORMS)[number];

/** What the stack is for; only `production` turns on production's guards. */
export const ENVIRONMENTS = ["development", "staging", "production"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export interface UpgradeEvidence {
    /** The engine version that passed the game-day in a lower environment. */
    readonly version: string;
    /** The lower stack's name. */
    readonly stack: string;
    /** Path or URL of the passing `report.json`. */
    readonly report: string;
}

export interface DatabaseSpec {
    readonly engineVersion: string;
    readonly instanceClass: string;
    readonly storageGb: number;
    /** An acknowledged write survives a primary loss only when true. */
    readonly synchronousReplication: boolean;
    readonly backupRetentionDays: number;
    readonly deletionProtection: boolean;
    readonly allowMajorVersionUpgrade: boolean;
    /** null: the AWS-managed key. */
    readonly kmsKeyId: string | null;
    readonly databaseName: string;
    readonly masterUsername: string;
    readonly upgradeEvidence: UpgradeEvidence | null;
    /** `ddd:hh24:mi-ddd:hh24:mi`, UTC: when AWS may patch and reboot. */
    readonly maintenanceWindow: string;
    /** `hh24:mi-hh24:mi`, UTC, daily: when automated backups are taken. */
    readonly backupWindow: string;
}

export interface GroupSize {
    readonly min: number;
    readonly desired: number;
    readonly max: number;
}

export interface AutoscalingSpec {
    readonly targetCpuPercent: number;
    /** How long the average must stay above target before scaling out. */
    readonly sustainSeconds: number;
    readonly scaleInCooldownSeconds: number;
}

export interface WarmupPolicy {
    /** `all`, or `schema.table` names prewarmed in this order. */
    readonly relations: "all" | readonly string[];
    readonly databases: readonly string[];
    /** Read every block of the data files (lazily restored volumes). */
    readonly fullStorageRead: boolean;
    readonly maxReplayLagSeconds: number;
    /** How long the gate's conditions must hold before it opens. */
    readonly minWarmSeconds: number;
    /** An open gate closes only after lag exceeded the bound this long. */
    readonly lagGraceSeconds: number;
    /** 0 means unbounded. */
    readonly ioRateMbPerSecond: number;
}

export interface ReplicaGroupSpec {
    readonly name: string;
    readonly size: GroupSize;
    readonly instanceClass: string;
    readonly promotionTier: number;
    /** null: no autoscaling. */
    readonly autoscaling: AutoscalingSpec | null;
    readonly warmup: WarmupPolicy;
}

export interface EndpointsSpec {
    readonly write: { readonly name: string };
    readonly read: { readonly name: string };
}

export const ALARM_METRICS = [
    "primaryCpuPercent",
    "readerCpuPercent",
    "replicaLagSeconds",
    "healthyWarmReplicas",
    "connections",
    "freeableMemoryBytes",
    "diskQueueDepth",
    "writeIops",
    "dbLoad",
    "commitLatencyMs",
] as const;
export type AlarmMetric = (typeof ALARM_METRICS)[number];

export const PERCENT_METRICS: readonly AlarmMetric[] = ["primaryCpuPercent", "readerCpuPercent"];

export const COMPARISONS = ["greaterThan", "lessThan"] as const;
export type Comparison = (typeof COMPARISONS)[number];

export interface AlarmSpec {
    readonly name: string;
    readonly metric: AlarmMetric;
    readonly comparison: Comparison;
    readonly threshold: number;
    readonly periodSeconds: number;
    readonly evaluationPeriods: number;
}

/** The bound of every measurement in DESIGN.md; measured must be <= target. */
export interface RecoveryTargets {
    readonly writeUnavailableSeconds: number;
    readonly readerRemovalSeconds: number;
    readonly replacementSeconds: number;
    readonly warmupSeconds: number;
    readonly lostWrites: number;
    readonly failedReads: number;
    readonly failedWrites: number;
    readonly coldReads: number;
    readonly alarmDetectSeconds: number;
    readonly falseFailovers: number;
    readonly switchoverWriteUnavailableSeconds: number;
}

/** A pod of customers with its own database. */
export interface CellSpec {
    readonly name: string;
    readonly database: string;
}

export const SCENARIOS = [
    "replica-hardware-failure",
    "primary-failure",
    "primary-hang",
    "primary-overload",
    "app-faults",
    "double-fault",
    "primary-degraded-host",
    "table-corruption",
    "cluster-loss",
] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface GamedaySpec {
    readonly scenarios: readonly Scenario[];
    /** Five-field cron expression. */
    readonly schedule: string;
    /** The chaos suite's image the cloud schedulers run (required on aws and kubernetes); null on local. */
    readonly image: string | null;
    /**
     * What each scenario with an entry in `resilience:gameday.targets` is judged against: the
     * stack-wide `recoveryTargets` with that entry's keys replaced. Other scenarios: `recoveryTargets`.
     */
    readonly targets: Readonly<Partial<Record<Scenario, RecoveryTargets>>>;
}

export interface BackupSpec {
    /** Five-field cron expression (UTC) of scheduled full backups. */
    readonly schedule: string;
    /** Full backups kept. */
    readonly retentionFullBackups: number;
    /** Targets of the restore drills (table-corruption, cluster-loss). */
    readonly targets: {
        readonly restoreSeconds: number;
        readonly recoveryPointSeconds: number;
    };
}

export interface NotificationsSpec {
    readonly emails: readonly string[];
    readonly webhookUrl: string | SecretValue | null;
}

export interface LocalSpec {
    readonly portBase: number;
    /** null: `/var/tmp/resilience/<stack>`. */
    readonly stateDir: string | null;
    readonly patroni: {
        readonly ttlSeconds: number;
        readonly loopWaitSeconds: number;
        readonly retryTimeoutSeconds: number;
    };
    readonly haproxy: {
        readonly checkIntervalMs: number;
        readonly fall: number;
        readonly rise: number;
    };
}

export interface AwsSpec {
    readonly vpcId: string;
    readonly subnetIds: readonly string[];
    readonly availabilityZones: readonly string[];
    readonly allowedSecurityGroupIds: readonly string[];
    readonly performanceInsightsRetentionDays: number;
}

export interface KubernetesSpec {
    readonly namespace: string;
    /** null: the cluster's default storage class. */
    readonly storageClass: string | null;
    /** Topology spread over these zones when given. */
    readonly zones: readonly string[];
    readonly operatorChartVersion: string;
    /** `s3://bucket/path` (or `gs://`, `https://` for Azure): WAL archive and base backups; null: no backups. */
    readonly backupDestinationPath: string | null;
    /** The IAM role the cluster's pods assume (IRSA) to reach an `s3://` destination, and nothing else. */
    readonly backupRoleArn: string | null;
    /**
     * Declare PodMonitors and PrometheusRules (alarms, the game-day verdict), which need the Prometheus
     * operator's CRDs in the cluster; false: none of them, and no check for the CRDs.
     */
    readonly monitoring: boolean;
    /** `key=value` labels on the PodMonitors and PrometheusRule, for the Prometheus that selects on them. */
    readonly monitoringLabels: readonly string[];
}

export interface StackSpec {
    readonly platform: Platform;
    readonly environment: Environment;
    readonly database: DatabaseSpec;
    readonly replicaGroups: readonly ReplicaGroupSpec[];
    readonly endpoints: EndpointsSpec;
    readonly alarms: readonly AlarmSpec[];
    readonly recoveryTargets: RecoveryTargets;
    readonly cells: readonly CellSpec[];
    readonly gameday: GamedaySpec;
    readonly backup: BackupSpec;
    readonly notifications: NotificationsSpec;
    readonly local: LocalSpec;
    readonly aws: AwsSpec | null;
    readonly kubernetes: KubernetesSpec | null;
}

/** The spec sections in document order: the order in which errors are looked for. */
export const SECTIONS = [
    "platform",
    "environment",
    "database",
    "replicaGroups",
    "endpoints",
    "alarms",
    "recoveryTargets",
    "cells",
    "gameday",
    "backup",
    "notifications",
    "local",
    "aws",
    "kubernetes",
] as const;
export type Section = (typeof SECTIONS)[number];
