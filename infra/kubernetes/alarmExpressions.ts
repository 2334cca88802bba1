/**
 * The spec's alarms as PromQL over the metrics CloudNativePG exports (cnpg_*), cAdvisor and
 * kube-state-metrics (CPU, memory, disk, and the warm replicas: the ready addresses of the
 * warm-readers Service, which selects only replicas HealthProbes labelled warm). Every metric named
 * here is one those exporters publish by default (test/shapes.test.ts checks the list).
 */
import type { AlarmMetric, AlarmSpec } from "../config";

export interface AlarmScope {
    readonly namespace: string;
    readonly clusterName: string;
    /** The warm-readers Service: its ready endpoints are the warm replicas. */
    readonly warmService: string;
}

/** The PromQL expression that is true while the alarm is breaching. */
export function alarmExpression(alarm: AlarmSpec, scope: AlarmScope): string {
    const op = alarm.comparison === "greaterThan" ? ">" : "<";
    return `${metricExpression(alarm.metric, scope, Math.max(2 * alarm.periodSeconds, 60))} ${op} ${alarm.threshold}`;
}

/** How long the condition must hold: the spec's period times its evaluation count. */
export function alarmFor(alarm: AlarmSpec): string {
    return `${alarm.periodSeconds * alarm.evaluationPeriods}s`;
}

function metricExpression(metric: AlarmMetric, scope: AlarmScope, windowSeconds: number): string {
    const pods = `namespace="${scope.namespace}",pod=~"${scope.clusterName}-[0-9]+"`;
    const postgres = `${pods},container="postgres"`;
    const window = `[${windowSeconds}s]`;
    const role = (inRecovery: 0 | 1) => `and on (pod) (cnpg_pg_replication_in_recovery{${pods}} == ${inRecovery})`;
    const cpuPercent = `100 * sum by (pod) (rate(container_cpu_usage_seconds_total{${postgres}}${window})) / sum by (pod) (kube_pod_container_resource_limits{${postgres},resource="cpu"})`;
    switch (metric) {
        case "primaryCpuPercent":
            return `max((${cpuPercent}) ${role(0)})`;
        case "readerCpuPercent":
            return `max((${cpuPercent}) ${role(1)})`;
        case "replicaLagSeconds":
            return `max(cnpg_pg_replication_lag{${pods}})`;
        case "healthyWarmReplicas":
            // No ready address is no series at all: `or vector(0)` makes "none warm" a 0 that can alarm.
            return `(count(kube_endpoint_address{namespace="${scope.namespace}",endpoint="${scope.warmService}",ready="true"}) or vector(0))`;
        case "connections":
            return `max(sum by (pod) (cnpg_backends_total{${pods}}))`;
        case "freeableMemoryBytes":
            return `min(sum by (pod) (kube_pod_container_resource_limits{${postgres},resource="memory"}) - sum by (pod) (container_memory_working_set_bytes{${postgres}}))`;
        case "diskQueueDepth":
            return `max(rate(container_fs_io_time_weighted_seconds_total{${postgres}}${window}))`;
        case "writeIops":
            return `max(sum by (pod) (rate(container_fs_writes_total{${postgres}}${window})))`;
        case "dbLoad":
            return `max(sum by (pod) (cnpg_backends_total{${pods},state="active"}))`;
        case "commitLatencyMs":
            // CloudNativePG's exporter publishes commit counts, not their latency: say so at preview, not with a silent alert.
            throw new Error("resilience:alarms: commitLatencyMs has no CloudNativePG metric (its exporter publishes no commit latency); remove the alarm from this Kubernetes stack");
    }
}
