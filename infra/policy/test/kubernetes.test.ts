import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { cnpgAlarms, cnpgBackups, cnpgInstances, cnpgOperatorChart, cnpgReadinessMaxLag, cnpgRequiredAntiAffinity, cnpgSynchronousReplication, cnpgZones, retentionDays } from "../kubernetes";
import { ResourceType } from "../resources";
import { cnpgCluster, cnpgCompanions } from "./fixtures";
import { resourceViolations, stackViolations, TestResource } from "./validation-args";

const PROD = { stack: "prod", environment: "production" };
const STAGING = { stack: "k8s-staging", environment: "staging" };

describe("cnpg-instances", () => {
    it("passes three instances", async () => {
        assert.deepEqual(await resourceViolations(cnpgInstances(), cnpgCluster("k8s-staging")), []);
    });

    it("reports a single instance", async () => {
        assert.deepEqual(await resourceViolations(cnpgInstances(), cnpgCluster("k8s-staging", { instances: 1 })), [
            `CloudNativePG cluster "default" runs 1 instance(s); spec.instances must be at least 2.`,
        ]);
    });

    it("uses the configured minimum", async () => {
        const violations = await resourceViolations(cnpgInstances(), cnpgCluster("prod"), { minInstances: 5 });
        assert.deepEqual(violations, [`CloudNativePG cluster "default" runs 3 instance(s); spec.instances must be at least 5.`]);
    });
});

describe("cnpg-required-anti-affinity", () => {
    it("passes required anti-affinity in prod", async () => {
        assert.deepEqual(await resourceViolations(cnpgRequiredAntiAffinity(PROD), cnpgCluster("prod")), []);
    });

    it("reports preferred anti-affinity in prod", async () => {
        const cluster = cnpgCluster("prod", { affinity: { enablePodAntiAffinity: true } });
        assert.deepEqual(await resourceViolations(cnpgRequiredAntiAffinity(PROD), cluster), [
            `CloudNativePG cluster "default" in stack "prod" must set spec.affinity.podAntiAffinityType: "required" (got "preferred"); "preferred" lets the scheduler put two instances on one node.`,
        ]);
    });

    it("reports anti-affinity turned off in prod", async () => {
        const cluster = cnpgCluster("prod", { affinity: { enablePodAntiAffinity: false, podAntiAffinityType: "required" } });
        assert.deepEqual(await resourceViolations(cnpgRequiredAntiAffinity(PROD), cluster), [
            `CloudNativePG cluster "default" in stack "prod" turns pod anti-affinity off (spec.affinity.enablePodAntiAffinity: false).`,
        ]);
    });

    it("does not apply outside production unless configured", async () => {
        const cluster = cnpgCluster("k8s-staging", { affinity: {} });
        assert.deepEqual(await resourceViolations(cnpgRequiredAntiAffinity(STAGING), cluster), []);
        assert.equal((await resourceViolations(cnpgRequiredAntiAffinity(STAGING), cluster, { requireInAllStacks: true })).length, 1);
    });
});

describe("cnpg-readiness-max-lag", () => {
    it("passes a streaming probe with a maximum lag", async () => {
        assert.deepEqual(await resourceViolations(cnpgReadinessMaxLag(), cnpgCluster("k8s-staging")), []);
    });

    it("reports the default pg_isready probe", async () => {
        assert.deepEqual(await resourceViolations(cnpgReadinessMaxLag(), cnpgCluster("k8s-staging", { probes: undefined })), [
            `CloudNativePG cluster "default" must use spec.probes.readiness.type: "streaming" (got "pg_isready"); otherwise a replica that is far behind is ready.`,
        ]);
    });

    it("reports a streaming probe without a maximum lag", async () => {
        const cluster = cnpgCluster("k8s-staging", { probes: { readiness: { type: "streaming" } } });
        assert.deepEqual(await resourceViolations(cnpgReadinessMaxLag(), cluster), [
            `CloudNativePG cluster "default" has a streaming readiness probe without spec.probes.readiness.maximumLag; a replica that streams but lags behind still receives reads.`,
        ]);
    });
});

describe("cnpg-synchronous-replication", () => {
    it("passes synchronous replication with required durability in prod", async () => {
        assert.deepEqual(await resourceViolations(cnpgSynchronousReplication(PROD), cnpgCluster("prod")), []);
    });

    it("passes the legacy minSyncReplicas", async () => {
        const cluster = cnpgCluster("prod", { postgresql: {}, minSyncReplicas: 1, maxSyncReplicas: 1 });
        assert.deepEqual(await resourceViolations(cnpgSynchronousReplication(PROD), cluster), []);
    });

    it("reports asynchronous replication in prod", async () => {
        assert.deepEqual(await resourceViolations(cnpgSynchronousReplication(PROD), cnpgCluster("prod", { postgresql: {} })), [
            `CloudNativePG cluster "default" in stack "prod" replicates asynchronously; set spec.postgresql.synchronous (method: any, number: 1) so an acknowledged write survives a primary loss.`,
        ]);
    });

    it("reports preferred data durability and zero standbys", async () => {
        const cluster = cnpgCluster("prod", { postgresql: { synchronous: { method: "any", number: 0, dataDurability: "preferred" } } });
        assert.deepEqual(await resourceViolations(cnpgSynchronousReplication(PROD), cluster), [
            `CloudNativePG cluster "default" in stack "prod" must set spec.postgresql.synchronous.number to at least 1 (got 0).`,
            `CloudNativePG cluster "default" in stack "prod" sets spec.postgresql.synchronous.dataDurability: "preferred", which acknowledges writes without a standby when none is available; use "required".`,
        ]);
    });

    it("does not apply outside production", async () => {
        assert.deepEqual(await resourceViolations(cnpgSynchronousReplication(STAGING), cnpgCluster("k8s-staging", { postgresql: {} })), []);
    });
});

describe("cnpg-zones-in-production", () => {
    it("passes three zones with a DoNotSchedule spread", async () => {
        assert.deepEqual(await resourceViolations(cnpgZones(PROD), cnpgCluster("prod")), []);
    });

    it("reports a production cluster pinned to one zone, or none", async () => {
        const oneZone = cnpgCluster("prod", { topologySpreadConstraints: undefined, affinity: { enablePodAntiAffinity: true, podAntiAffinityType: "required" } });
        assert.deepEqual(await resourceViolations(cnpgZones(PROD), oneZone), [
            `CloudNativePG cluster "default" in stack "prod" is pinned to 0 zone(s) without a DoNotSchedule zone spread; it needs at least 3 zones (resilience:kubernetes.zones) so a zone outage takes one instance.`,
        ]);
    });

    it("does not apply outside production", async () => {
        assert.deepEqual(await resourceViolations(cnpgZones(STAGING), cnpgCluster("k8s-staging", { topologySpreadConstraints: undefined })), []);
    });
});

describe("cnpg-operator-chart-minimum", () => {
    const release = (version: string | undefined): TestResource => ({
        type: ResourceType.helmRelease, name: "cnpg-release", props: { chart: "cloudnative-pg", version },
    });

    it("passes chart 0.29.0 (operator 1.30.0)", async () => {
        assert.deepEqual(await resourceViolations(cnpgOperatorChart(), release("0.29.0")), []);
    });

    it("reports chart 0.24.0 (operator 1.26, end of life) and an unpinned chart", async () => {
        assert.deepEqual(await resourceViolations(cnpgOperatorChart(), release("0.24.0")), [
            `Helm release "cnpg-release" installs cloudnative-pg chart 0.24.0; pin at least 0.29.0 (resilience:kubernetes.operatorChartVersion).`,
        ]);
        assert.equal((await resourceViolations(cnpgOperatorChart(), release(undefined))).length, 1);
    });
});

describe("cnpg-backups-in-production", () => {
    it("passes WAL archiving, 14 days and a scheduled base backup", async () => {
        assert.deepEqual(await stackViolations(cnpgBackups(PROD), [cnpgCluster("prod"), ...cnpgCompanions("prod")]), []);
    });

    it("reports no backups at all", async () => {
        const violations = await stackViolations(cnpgBackups(PROD), [cnpgCluster("prod", { backup: undefined })]);
        assert.deepEqual(violations.map((v) => v.message), [
            `CloudNativePG cluster "default" in stack "prod" archives no WAL: set spec.backup.barmanObjectStore (an object store destination).`,
        ]);
    });

    it("reports retention under 7 days and a missing ScheduledBackup", async () => {
        const short = cnpgCluster("prod", { backup: { retentionPolicy: "3d", barmanObjectStore: { destinationPath: "s3://b/p" } } });
        assert.deepEqual((await stackViolations(cnpgBackups(PROD), [short])).map((v) => v.message), [
            `CloudNativePG cluster "default" in stack "prod" keeps backups for 3 day(s); spec.backup.retentionPolicy must keep at least 7 days.`,
            `CloudNativePG cluster "default" in stack "prod" has no ScheduledBackup: WAL alone cannot be restored without a base backup.`,
        ]);
    });

    it("counts weeks and months", () => {
        assert.deepEqual([retentionDays("2w"), retentionDays("1m"), retentionDays("7d"), retentionDays("7x")], [14, 30, 7, undefined]);
    });
});

describe("cnpg-alarms-in-production", () => {
    it("passes a cluster a PrometheusRule watches", async () => {
        assert.deepEqual(await stackViolations(cnpgAlarms(PROD), [cnpgCluster("prod"), ...cnpgCompanions("prod")]), []);
    });

    it("reports a production cluster without alerts", async () => {
        assert.deepEqual((await stackViolations(cnpgAlarms(PROD), [cnpgCluster("prod")])).map((v) => v.message), [
            `CloudNativePG cluster "default" has no PrometheusRule alert on it: a failing database pages nobody. Declare resilience:alarms, with resilience:kubernetes.monitoring left on.`,
        ]);
    });
});
