import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { stopConditionAlarms } from "../aws/alarmMetrics";
import { ALARM_METRICS } from "../config";
import type { AlarmSpec } from "../config";
import { alarmExpression, alarmFor } from "../kubernetes/alarmExpressions";
import { instanceCount, instanceScaling, maximumLag, readinessFailureThreshold } from "../kubernetes/clusterShape";
import { compareVersions } from "../kubernetes/chartVersion";
import { WARMUP_DEFAULTS } from "../spec/defaults";
import { group } from "./groups";

const alarm = (name: string, metric: AlarmSpec["metric"], extra: Partial<AlarmSpec> = {}): AlarmSpec => ({
    name,
    metric,
    comparison: "greaterThan",
    threshold: 1,
    periodSeconds: 60,
    evaluationPeriods: 3,
    ...extra,
});

const SCOPE = { namespace: "db", clusterName: "pg-x", warmService: "pg-x-warm-readers" };

/**
 * Metrics published by default: CloudNativePG's default monitoring queries (cnpg_*), cAdvisor through
 * the kubelet (container_*) and kube-state-metrics (kube_*).
 */
const EXPORTED_METRICS = new Set([
    "cnpg_pg_replication_lag",
    "cnpg_pg_replication_in_recovery",
    "cnpg_backends_total",
    "container_cpu_usage_seconds_total",
    "container_memory_working_set_bytes",
    "container_fs_io_time_weighted_seconds_total",
    "container_fs_writes_total",
    "kube_pod_container_resource_limits",
    "kube_endpoint_address",
]);

describe("CloudNativePG cluster shape", () => {
    it("counts the primary plus every group's desired replicas", () => {
        assert.equal(instanceCount([group("a"), group("b", { size: { min: 1, desired: 3, max: 3 } })]), 6);
    });

    it("turns the strictest replay-lag bound into bytes at the assumed WAL rate, at least 1Mi", () => {
        const lag = (seconds: number) => group("g", { warmup: { ...WARMUP_DEFAULTS, maxReplayLagSeconds: seconds } });
        assert.equal(maximumLag([lag(1)]), "16Mi");
        assert.equal(maximumLag([lag(2), lag(0.5)]), "8Mi");
        assert.equal(maximumLag([lag(0.01)]), "1Mi");
    });

    it("keeps a lagging replica ready for the lag grace, in probe periods", () => {
        const grace = (seconds: number) => group("g", { warmup: { ...WARMUP_DEFAULTS, lagGraceSeconds: seconds } });
        assert.equal(readinessFailureThreshold([grace(3)], 2), 2);
        assert.equal(readinessFailureThreshold([grace(0)], 2), 1);
    });

    it("scales instances between the declared count and the autoscaled groups' max", () => {
        const autoscaling = { targetCpuPercent: 60, sustainSeconds: 120, scaleInCooldownSeconds: 300 };
        assert.equal(instanceScaling([group("g")]), null);
        assert.deepEqual(instanceScaling([group("g", { size: { min: 2, desired: 2, max: 4 }, autoscaling })]), {
            minInstances: 3,
            maxInstances: 5,
            targetCpuPercent: 60,
            scaleUpWindowSeconds: 120,
            scaleDownWindowSeconds: 300,
        });
    });

    it("compares chart versions numerically", () => {
        assert.ok(compareVersions("0.22.1", "0.24.0") < 0);
        assert.ok(compareVersions("0.24.0", "0.24.0") === 0);
        assert.ok(compareVersions("0.100.0", "0.24.0") > 0);
    });
});

describe("alarms", () => {
    it("FIS stops first on the alarms that say reads are at risk, at most the quota", () => {
        const alarms = [alarm("cpu", "primaryCpuPercent"), alarm("lag", "replicaLagSeconds"), alarm("warm", "healthyWarmReplicas", { comparison: "lessThan" }), alarm("conn", "connections")];
        assert.deepEqual(
            stopConditionAlarms(alarms, 3).map((a) => a.name),
            ["warm", "lag", "conn"],
        );
    });

    it("every alert expression uses only metrics an exporter publishes by default", () => {
        for (const metric of ALARM_METRICS) {
            if (metric === "commitLatencyMs") {
                // No exporter publishes it: the program refuses the alarm in one line rather than alert on nothing.
                assert.throws(() => alarmExpression(alarm("a", metric), SCOPE), /^Error: resilience:alarms: commitLatencyMs has no CloudNativePG metric/);
                continue;
            }
            const expression = alarmExpression(alarm("a", metric), SCOPE);
            const used = [...expression.matchAll(/([a-z_:][a-z0-9_:]*)\{/g)].map((m) => m[1] as string);
            assert.ok(used.length > 0, `${metric}: ${expression}`);
            for (const name of used) {
                assert.ok(EXPORTED_METRICS.has(name), `${metric} uses ${name}, which no exporter publishes by default`);
            }
        }
    });

    it("a Prometheus alert holds for period x evaluations and compares as the spec says", () => {
        const low = alarm("warm", "healthyWarmReplicas", { comparison: "lessThan", threshold: 1, periodSeconds: 5, evaluationPeriods: 2 });
        assert.equal(alarmFor(low), "10s");
        assert.equal(
            alarmExpression(low, SCOPE),
            '(count(kube_endpoint_address{namespace="db",endpoint="pg-x-warm-readers",ready="true"}) or vector(0)) < 1',
        );
        const readerCpu = alarmExpression(alarm("cpu", "readerCpuPercent", { threshold: 75 }), SCOPE);
        assert.match(readerCpu, /cnpg_pg_replication_in_recovery\{[^}]*\} == 1\)\) > 75$/);
    });
});
