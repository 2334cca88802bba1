/**
 * How each spec metric is watched in CloudWatch. Writer and reader CPU are separate alarms because
 * the upgrade post-mortem's reader CPU rose while the writer's looked fine.
 */
import type { AlarmMetric, AlarmSpec } from "../config";
import { HEALTHY_WARM_REPLICAS_METRIC, WARMUP_GATE_NAMESPACE } from "./constants";

export interface CloudWatchMetric {
    readonly namespace: string;
    readonly metricName: string;
    /** The cluster's role the metric is aggregated over, when not the whole cluster. */
    readonly role?: "WRITER" | "READER";
    /**
     * Published per instance only (CloudWatch documents DBLoad with DBInstanceIdentifier, not with
     * DBClusterIdentifier + Role): the alarm watches the writer instance.
     */
    readonly perWriterInstance?: boolean;
    readonly statistic: "Average" | "Maximum" | "Minimum";
    /** Multiplies the spec's threshold into the metric's unit (AuroraReplicaLag is in milliseconds). */
    readonly thresholdScale: number;
}

const RDS = "AWS/RDS";

export const CLOUDWATCH_METRICS: Readonly<Record<AlarmMetric, CloudWatchMetric>> = {
    primaryCpuPercent: { namespace: RDS, metricName: "CPUUtilization", role: "WRITER", statistic: "Average", thresholdScale: 1 },
    readerCpuPercent: { namespace: RDS, metricName: "CPUUtilization", role: "READER", statistic: "Average", thresholdScale: 1 },
    replicaLagSeconds: { namespace: RDS, metricName: "AuroraReplicaLag", role: "READER", statistic: "Maximum", thresholdScale: 1000 },
    healthyWarmReplicas: {
        namespace: WARMUP_GATE_NAMESPACE,
        metricName: HEALTHY_WARM_REPLICAS_METRIC,
        statistic: "Minimum",
        thresholdScale: 1,
    },
    connections: { namespace: RDS, metricName: "DatabaseConnections", statistic: "Maximum", thresholdScale: 1 },
    freeableMemoryBytes: { namespace: RDS, metricName: "FreeableMemory", statistic: "Minimum", thresholdScale: 1 },
    diskQueueDepth: { namespace: RDS, metricName: "DiskQueueDepth", statistic: "Maximum", thresholdScale: 1 },
    writeIops: { namespace: RDS, metricName: "WriteIOPS", role: "WRITER", statistic: "Average", thresholdScale: 1 },
    dbLoad: { namespace: RDS, metricName: "DBLoad", perWriterInstance: true, statistic: "Average", thresholdScale: 1 },
    // Aurora PostgreSQL's commit latency (milliseconds), an average CloudWatch computes from aurora_stat_get_db_commit_latency.
    commitLatencyMs: { namespace: RDS, metricName: "CommitLatency", perWriterInstance: true, statistic: "Average", thresholdScale: 1 },
};

/** The CloudWatch dimensions of an alarm on a cluster whose writer instance is `writerIdentifier`. */
export function dimensionsOf(metric: CloudWatchMetric, clusterIdentifier: string, writerIdentifier: string): Record<string, string> {
    if (metric.perWriterInstance === true) {
        return { DBInstanceIdentifier: writerIdentifier };
    }
    return metric.role === undefined
        ? { DBClusterIdentifier: clusterIdentifier }
        : { DBClusterIdentifier: clusterIdentifier, Role: metric.role };
}

/**
 * A database that stops reporting must not look healthy: a "too low" alarm treats silence as
 * breaching; a "too high" alarm goes to INSUFFICIENT_DATA, which also notifies the topic. The warm
 * readers count is the exception: the warm-up gate controller publishes it, and silence there means
 * the controller is not running (or not deployed yet), not that the readers are gone, so it goes to
 * INSUFFICIENT_DATA (a notification) instead of ALARM, which would also stop every FIS experiment.
 */
export function treatMissingDataOf(alarm: AlarmSpec): "breaching" | "missing" {
    if (alarm.metric === "healthyWarmReplicas") {
        return "missing";
    }
    return alarm.comparison === "lessThan" ? "breaching" : "missing";
}

/**
 * Which alarms stop a fault-injection experiment, most telling first: the experiment must stop when
 * reads lose their warm replicas or replicas fall behind, before it stops on load.
 */
export const STOP_CONDITION_PRIORITY: readonly AlarmMetric[] = [
    "healthyWarmReplicas",
    "replicaLagSeconds",
    "freeableMemoryBytes",
    "connections",
    "dbLoad",
    "readerCpuPercent",
    "diskQueueDepth",
    "writeIops",
    "primaryCpuPercent",
];

/** The alarms that stop experiments, at most `limit`, in {@link STOP_CONDITION_PRIORITY} order. */
export function stopConditionAlarms(alarms: readonly AlarmSpec[], limit: number): AlarmSpec[] {
    return [...alarms]
        .sort((a, b) => STOP_CONDITION_PRIORITY.indexOf(a.metric) - STOP_CONDITION_PRIORITY.indexOf(b.metric))
        .slice(0, limit);
}
