import * as pulumi from "@pulumi/pulumi";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { inspect } from "node:util";
import { ConfigError, SecretValue, normalize, readStackSpec } from "../config";
import type { StackSpec } from "../config";
import { loadStackFile } from "../spec/stackFile";

const REPO_ROOT = join(__dirname, "..", "..");
const INFRA = join(__dirname, "..");

/** Sets the runtime config as the engine would: strings as-is, everything else as JSON. */
/** A game-day image the reader accepts (cloud stacks require one). */
const IMAGE = "ghcr.io/example/resilience/chaos:1.4.0";

function read(config: Record<string, unknown>, secretKeys: string[] = []): StackSpec {
    const values: Record<string, string> = {};
    for (const [key, value] of Object.entries(config)) {
        values[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    pulumi.runtime.setAllConfig(values, secretKeys);
    return readStackSpec();
}

function rejects(config: Record<string, unknown>, expected: string, secretKeys: string[] = []): void {
    assert.throws(
        () => read(config, secretKeys),
        (error: unknown) => {
            assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
            assert.equal(error.message, expected);
            return true;
        },
    );
}

/** A valid aws section, for rules that only apply on platform aws. */
const AWS = {
    vpcId: "vpc-0a1b2c3d",
    subnetIds: ["subnet-0aaa1111bbbb2222c", "subnet-0ddd3333eeee4444f"],
    availabilityZones: ["eu-central-1a", "eu-central-1b"],
};

describe("defaults", () => {
    it("an empty config is the documented default spec, every field pinned", () => {
        const expected = {
            platform: "local",
            environment: "development",
            database: {
                engineVersion: "15",
                instanceClass: "db.r6g.large",
                storageGb: 20,
                synchronousReplication: true,
                backupRetentionDays: 7,
                deletionProtection: false,
                allowMajorVersionUpgrade: false,
                kmsKeyId: null,
                databaseName: "app",
                masterUsername: "app",
                upgradeEvidence: null,
                maintenanceWindow: "sun:22:00-sun:22:30",
                backupWindow: "01:00-01:30",
            },
            replicaGroups: [
                {
                    name: "readers",
                    size: { min: 1, desired: 2, max: 3 },
                    instanceClass: "db.r6g.large",
                    promotionTier: 1,
                    autoscaling: null,
                    warmup: {
                        relations: "all",
                        databases: ["app"],
                        fullStorageRead: false,
                        maxReplayLagSeconds: 1,
                        minWarmSeconds: 10,
                        lagGraceSeconds: 3,
                        ioRateMbPerSecond: 0,
                    },
                },
            ],
            endpoints: { write: { name: "writer" }, read: { name: "warm-readers" } },
            alarms: [
                { name: "primary-cpu-high", metric: "primaryCpuPercent", comparison: "greaterThan", threshold: 80, periodSeconds: 60, evaluationPeriods: 3 },
                { name: "reader-cpu-high", metric: "readerCpuPercent", comparison: "greaterThan", threshold: 80, periodSeconds: 60, evaluationPeriods: 3 },
                { name: "replica-lag-high", metric: "replicaLagSeconds", comparison: "greaterThan", threshold: 5, periodSeconds: 60, evaluationPeriods: 3 },
                { name: "warm-replicas-low", metric: "healthyWarmReplicas", comparison: "lessThan", threshold: 1, periodSeconds: 60, evaluationPeriods: 1 },
                { name: "connections-high", metric: "connections", comparison: "greaterThan", threshold: 80, periodSeconds: 60, evaluationPeriods: 3 },
            ],
            recoveryTargets: {
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
            },
            cells: [{ name: "default", database: "app" }],
            gameday: { scenarios: ["replica-hardware-failure", "primary-failure", "primary-overload"], schedule: "0 3 * * 1", image: null, targets: {} },
            backup: { schedule: "0 2 * * *", retentionFullBackups: 2, targets: { restoreSeconds: 300, recoveryPointSeconds: 60 } },
            notifications: { emails: [], webhookUrl: null },
            local: {
                portBase: 25400,
                stateDir: null,
                patroni: { ttlSeconds: 6, loopWaitSeconds: 1, retryTimeoutSeconds: 2 },
                haproxy: { checkIntervalMs: 250, fall: 2, rise: 1 },
            },
            aws: null,
            kubernetes: null,
        };
        const normalized = normalize(read({}));
        assert.deepEqual(normalized, expected);
        // Key order is part of the contract: the doc's order.
        assert.equal(JSON.stringify(normalized), JSON.stringify(expected));
    });

    it("a group's instance class and a cell's database default to the database's", () => {
        const spec = read({
            "resilience:database": { instanceClass: "db.r6g.xlarge", databaseName: "clinic" },
            "resilience:replicaGroups": [{ name: "readers" }],
        });
        assert.equal(spec.replicaGroups[0]?.instanceClass, "db.r6g.xlarge");
        assert.deepEqual(spec.cells, [{ name: "default", database: "clinic" }]);
    });

    it("autoscaling, given, gets its defaults field by field", () => {
        const spec = read({ "resilience:replicaGroups": [{ name: "r", autoscaling: { targetCpuPercent: 50 } }] });
        assert.deepEqual(spec.replicaGroups[0]?.autoscaling, { targetCpuPercent: 50, sustainSeconds: 60, scaleInCooldownSeconds: 300 });
    });

    it("aws and kubernetes sections get their defaults when given", () => {
        const spec = read({ "resilience:platform": "aws", "resilience:gameday": { image: IMAGE }, "resilience:aws": AWS, "resilience:kubernetes": {} });
        assert.deepEqual(spec.aws, { ...AWS, allowedSecurityGroupIds: [], performanceInsightsRetentionDays: 7 });
        assert.deepEqual(spec.kubernetes, {
            namespace: "databases",
            storageClass: null,
            zones: [],
            operatorChartVersion: "0.29.0",
            backupDestinationPath: null,
            backupRoleArn: null,
            monitoring: true,
            monitoringLabels: ["release=kube-prometheus-stack"],
        });
    });

    it("keys of other namespaces are ignored", () => {
        assert.equal(read({ "aws:region": "eu-central-1", "kubernetes:context": "x" }).platform, "local");
    });

    it("the spec is deeply immutable", () => {
        const spec = read({});
        assert.ok(Object.isFrozen(spec));
        assert.ok(Object.isFrozen(spec.replicaGroups[0]?.size));
        assert.throws(() => {
            (spec.database as { storageGb: number }).storageGb = 1;
        }, TypeError);
    });
});

describe("stack files at the repo root", () => {
    const stackFiles = readdirSync(REPO_ROOT).filter((f) => /^Pulumi\..+\.yaml$/.test(f));

    it("there are stack files to check", () => {
        assert.ok(stackFiles.length >= 4, stackFiles.join(", "));
    });

    for (const file of stackFiles) {
        it(`${file} is valid`, () => {
            loadStackFile(join(REPO_ROOT, file));
            const spec = readStackSpec();
            assert.ok(spec.replicaGroups.length >= 1);
        });
    }

    it("prod's webhook is a secret, shown as [secret]", () => {
        loadStackFile(join(REPO_ROOT, "Pulumi.prod.yaml"));
        const spec = readStackSpec();
        assert.ok(spec.notifications.webhookUrl instanceof SecretValue);
        assert.equal((normalize(spec) as { notifications: { webhookUrl: unknown } }).notifications.webhookUrl, "[secret]");
        assert.ok(!JSON.stringify(normalize(spec)).includes("v1:"));
    });
});

describe("validation rules, one per documented rule", () => {
    const cases: [string, Record<string, unknown>, string][] = [
        ["platform is one of three", { "resilience:platform": "gcp" }, 'resilience:platform: must be one of local, aws, kubernetes; got "gcp"'],
        ["environment is one of three", { "resilience:environment": "prod" }, 'resilience:environment: must be one of development, staging, production; got "prod"'],
        ["engineVersion is pinned", { "resilience:database": { engineVersion: "latest" } }, 'resilience:database.engineVersion: must be a pinned version, major or major.minor digits only, got "latest"'],
        ["engineVersion is non-empty", { "resilience:database": { engineVersion: "" } }, "resilience:database.engineVersion: must not be empty"],
        ["instanceClass non-empty", { "resilience:database": { instanceClass: "" } }, "resilience:database.instanceClass: must not be empty"],
        ["instanceClass starts with db. on aws", { "resilience:platform": "aws", "resilience:database": { instanceClass: "r6g.large" }, "resilience:aws": AWS }, 'resilience:database.instanceClass: must start with "db.", got "r6g.large"'],
        ["storageGb 1 to 65536", { "resilience:database": { storageGb: 0 } }, "resilience:database.storageGb: must be between 1 and 65536, got 0"],
        ["storageGb is an integer", { "resilience:database": { storageGb: 1.5 } }, "resilience:database.storageGb: must be an integer, got 1.5"],
        ["synchronousReplication is a bool", { "resilience:database": { synchronousReplication: "yes" } }, 'resilience:database.synchronousReplication: must be true or false, got "yes"'],
        ["backupRetentionDays 1 to 35", { "resilience:database": { backupRetentionDays: 36 } }, "resilience:database.backupRetentionDays: must be between 1 and 35, got 36"],
        ["kmsKeyId starts with arn:", { "resilience:database": { kmsKeyId: "alias/x" } }, 'resilience:database.kmsKeyId: must start with "arn:", got "alias/x"'],
        ["kmsKeyId is a key ARN with a 12-digit account", { "resilience:database": { kmsKeyId: "arn:aws:kms:eu-central-1:12345:key/x" } }, 'resilience:database.kmsKeyId: must be a KMS key ARN arn:aws:kms:<region>:<12-digit account>:key/<key id> (or alias/<name>), got "arn:aws:kms:eu-central-1:12345:key/x"'],
        ["maintenanceWindow format", { "resilience:database": { maintenanceWindow: "sunday 22:00" } }, 'resilience:database.maintenanceWindow: must be ddd:hh24:mi-ddd:hh24:mi (UTC, e.g. sun:22:00-sun:22:30), got "sunday 22:00"'],
        ["backupWindow at least 30 minutes", { "resilience:database": { backupWindow: "01:00-01:20" } }, 'resilience:database.backupWindow: must be at least 30 minutes long, got 20 in "01:00-01:20"'],
        ["backupWindow clear of maintenanceWindow", { "resilience:database": { maintenanceWindow: "sat:23:50-sun:00:20", backupWindow: "00:00-00:30" } }, "resilience:database.backupWindow: 00:00-00:30 overlaps maintenanceWindow sat:23:50-sun:00:20 at sun 00:00 (AWS refuses that)"],
        ["maintenanceWindow clear of the game-day", { "resilience:platform": "kubernetes", "resilience:database": { instanceClass: "medium" }, "resilience:gameday": { schedule: "0 21 * * 0" } }, 'resilience:database.maintenanceWindow: sun:22:00-sun:22:30 overlaps the game-day at sun 22:00 (resilience:gameday.schedule "0 21 * * 0", each run allowed 120 minutes); move the window or the schedule'],
        ["backupWindow clear of the game-day, any weekday for a day-of-month schedule", { "resilience:platform": "kubernetes", "resilience:database": { instanceClass: "medium" }, "resilience:gameday": { schedule: "30 0 1 * *" } }, 'resilience:database.backupWindow: 01:00-01:30 overlaps the game-day at sun 01:00 (resilience:gameday.schedule "30 0 1 * *", each run allowed 120 minutes); move the window or the schedule'],
        ["databaseName is an identifier", { "resilience:database": { databaseName: "App" } }, 'resilience:database.databaseName: must be a PostgreSQL identifier ([a-z_][a-z0-9_]*), got "App"'],
        ["databaseName at most 63", { "resilience:database": { databaseName: "a".repeat(64) } }, "resilience:database.databaseName: must be at most 63 characters, got 64"],
        ["masterUsername is an identifier", { "resilience:database": { masterUsername: "1admin" } }, 'resilience:database.masterUsername: must be a PostgreSQL identifier ([a-z_][a-z0-9_]*), got "1admin"'],
        ["upgradeEvidence.version required", { "resilience:database": { upgradeEvidence: { stack: "staging", report: "r.json" } } }, "resilience:database.upgradeEvidence.version: is required"],
        ["upgradeEvidence.stack non-empty", { "resilience:database": { upgradeEvidence: { version: "15.4", stack: "", report: "r.json" } } }, "resilience:database.upgradeEvidence.stack: must not be empty"],
        ["upgradeEvidence.report required", { "resilience:database": { upgradeEvidence: { version: "15.4", stack: "staging" } } }, "resilience:database.upgradeEvidence.report: is required"],
        ["at least one group", { "resilience:replicaGroups": [] }, "resilience:replicaGroups: must not be empty"],
        ["group name required", { "resilience:replicaGroups": [{ size: { min: 1 } }] }, "resilience:replicaGroups[0].name: is required"],
        ["group name pattern", { "resilience:replicaGroups": [{ name: "Readers" }] }, 'resilience:replicaGroups[0].name: must be a name matching [a-z][a-z0-9-]*, got "Readers"'],
        ["group name at most 32", { "resilience:replicaGroups": [{ name: "r".repeat(33) }] }, "resilience:replicaGroups[0].name: must be at most 32 characters, got 33"],
        ["group names unique", { "resilience:replicaGroups": [{ name: "r" }, { name: "r" }] }, 'resilience:replicaGroups[1].name: duplicate group name "r"'],
        ["size.min >= 0", { "resilience:replicaGroups": [{ name: "r", size: { min: -1 } }] }, "resilience:replicaGroups[0].size.min: must be >= 0, got -1"],
        ["min <= desired", { "resilience:replicaGroups": [{ name: "r", size: { min: 3, desired: 2, max: 4 } }] }, "resilience:replicaGroups[0].size: min 3 > desired 2"],
        ["desired <= max", { "resilience:replicaGroups": [{ name: "r", size: { min: 1, desired: 4, max: 3 } }] }, "resilience:replicaGroups[0].size: desired 4 > max 3"],
        ["max at most 15", { "resilience:replicaGroups": [{ name: "r", size: { max: 16 } }] }, "resilience:replicaGroups[0].size.max: must be <= 15, got 16"],
        ["group instanceClass non-empty", { "resilience:replicaGroups": [{ name: "r", instanceClass: "" }] }, "resilience:replicaGroups[0].instanceClass: must not be empty"],
        ["promotionTier 0 to 15", { "resilience:replicaGroups": [{ name: "r", promotionTier: 16 }] }, "resilience:replicaGroups[0].promotionTier: must be between 0 and 15, got 16"],
        ["targetCpuPercent > 0", { "resilience:replicaGroups": [{ name: "r", autoscaling: { targetCpuPercent: 0 } }] }, "resilience:replicaGroups[0].autoscaling.targetCpuPercent: must be > 0, got 0"],
        ["targetCpuPercent <= 100", { "resilience:replicaGroups": [{ name: "r", autoscaling: { targetCpuPercent: 101 } }] }, "resilience:replicaGroups[0].autoscaling.targetCpuPercent: must be <= 100, got 101"],
        ["sustainSeconds >= 1", { "resilience:replicaGroups": [{ name: "r", autoscaling: { sustainSeconds: 0 } }] }, "resilience:replicaGroups[0].autoscaling.sustainSeconds: must be >= 1, got 0"],
        ["scaleInCooldownSeconds >= 0", { "resilience:replicaGroups": [{ name: "r", autoscaling: { scaleInCooldownSeconds: -1 } }] }, "resilience:replicaGroups[0].autoscaling.scaleInCooldownSeconds: must be >= 0, got -1"],
        ["relations all or a list", { "resilience:replicaGroups": [{ name: "r", warmup: { relations: "some" } }] }, 'resilience:replicaGroups[0].warmup.relations: must be "all" or a list of schema.table names, got "some"'],
        ["relations non-empty list", { "resilience:replicaGroups": [{ name: "r", warmup: { relations: [] } }] }, "resilience:replicaGroups[0].warmup.relations: must not be empty"],
        ["relations are schema.table", { "resilience:replicaGroups": [{ name: "r", warmup: { relations: ["public.a", "patients"] } }] }, 'resilience:replicaGroups[0].warmup.relations[1]: must be a schema.table name, got "patients"'],
        ["warmup databases non-empty", { "resilience:replicaGroups": [{ name: "r", warmup: { databases: [] } }] }, "resilience:replicaGroups[0].warmup.databases: must not be empty"],
        ["warmup databases are identifiers", { "resilience:replicaGroups": [{ name: "r", warmup: { databases: ["app", "my-db"] } }] }, 'resilience:replicaGroups[0].warmup.databases[1]: must be a PostgreSQL identifier ([a-z_][a-z0-9_]*), got "my-db"'],
        ["fullStorageRead bool", { "resilience:replicaGroups": [{ name: "r", warmup: { fullStorageRead: 1 } }] }, "resilience:replicaGroups[0].warmup.fullStorageRead: must be true or false, got 1"],
        ["maxReplayLagSeconds > 0", { "resilience:replicaGroups": [{ name: "r", warmup: { maxReplayLagSeconds: 0 } }] }, "resilience:replicaGroups[0].warmup.maxReplayLagSeconds: must be > 0, got 0"],
        ["minWarmSeconds >= 0", { "resilience:replicaGroups": [{ name: "r", warmup: { minWarmSeconds: -1 } }] }, "resilience:replicaGroups[0].warmup.minWarmSeconds: must be >= 0, got -1"],
        ["lagGraceSeconds >= 0", { "resilience:replicaGroups": [{ name: "r", warmup: { lagGraceSeconds: -0.5 } }] }, "resilience:replicaGroups[0].warmup.lagGraceSeconds: must be >= 0, got -0.5"],
        ["ioRateMbPerSecond >= 0", { "resilience:replicaGroups": [{ name: "r", warmup: { ioRateMbPerSecond: -1 } }] }, "resilience:replicaGroups[0].warmup.ioRateMbPerSecond: must be >= 0, got -1"],
        ["write endpoint name pattern", { "resilience:endpoints": { write: { name: "Writer" } } }, 'resilience:endpoints.write.name: must be a name matching [a-z][a-z0-9-]*, got "Writer"'],
        ["read endpoint differs from write", { "resilience:endpoints": { write: { name: "db" }, read: { name: "db" } } }, 'resilience:endpoints.read.name: must differ from write.name, both are "db"'],
        ["alarm name required", { "resilience:alarms": [{ metric: "connections", threshold: 1 }] }, "resilience:alarms[0].name: is required"],
        ["alarm names unique", { "resilience:alarms": [{ name: "a", metric: "connections", threshold: 1 }, { name: "a", metric: "dbLoad", threshold: 1 }] }, 'resilience:alarms[1].name: duplicate alarm name "a"'],
        ["alarm metric known", { "resilience:alarms": [{ name: "a", metric: "cpu", threshold: 1 }] }, 'resilience:alarms[0].metric: must be one of primaryCpuPercent, readerCpuPercent, replicaLagSeconds, healthyWarmReplicas, connections, freeableMemoryBytes, diskQueueDepth, writeIops, dbLoad, commitLatencyMs; got "cpu"'],
        ["alarm comparison", { "resilience:alarms": [{ name: "a", metric: "connections", comparison: "above", threshold: 1 }] }, 'resilience:alarms[0].comparison: must be one of greaterThan, lessThan; got "above"'],
        ["alarm threshold required", { "resilience:alarms": [{ name: "a", metric: "connections" }] }, "resilience:alarms[0].threshold: is required"],
        ["alarm threshold >= 0", { "resilience:alarms": [{ name: "a", metric: "connections", threshold: -1 }] }, "resilience:alarms[0].threshold: must be >= 0, got -1"],
        ["percent threshold <= 100", { "resilience:alarms": [{ name: "a", metric: "readerCpuPercent", threshold: 120 }] }, "resilience:alarms[0].threshold: must be <= 100, got 120"],
        ["periodSeconds >= 1", { "resilience:alarms": [{ name: "a", metric: "connections", threshold: 1, periodSeconds: 0 }] }, "resilience:alarms[0].periodSeconds: must be >= 1, got 0"],
        ["periodSeconds on aws", { "resilience:platform": "aws", "resilience:alarms": [{ name: "a", metric: "connections", threshold: 1, periodSeconds: 45 }], "resilience:aws": AWS }, "resilience:alarms[0].periodSeconds: must be 10, 30 or a multiple of 60 on platform aws, got 45"],
        ["evaluationPeriods >= 1", { "resilience:alarms": [{ name: "a", metric: "connections", threshold: 1, evaluationPeriods: 0 }] }, "resilience:alarms[0].evaluationPeriods: must be >= 1, got 0"],
        ["recovery targets >= 0", { "resilience:recoveryTargets": { readerRemovalSeconds: -1 } }, "resilience:recoveryTargets.readerRemovalSeconds: must be >= 0, got -1"],
        ["counts are integers", { "resilience:recoveryTargets": { failedWrites: 2.5 } }, "resilience:recoveryTargets.failedWrites: must be an integer, got 2.5"],
        ["min <= desired, checked after every size field", { "resilience:replicaGroups": [{ name: "r", size: { min: 1, desired: -1 } }] }, "resilience:replicaGroups[0].size.desired: must be >= 0, got -1"],
        ["lostWrites 0 with synchronous replication", { "resilience:recoveryTargets": { lostWrites: 1 } }, "resilience:recoveryTargets.lostWrites: must be 0 when resilience:database.synchronousReplication is true, got 1"],
        ["at least one cell", { "resilience:cells": [] }, "resilience:cells: must not be empty"],
        ["cell name pattern", { "resilience:cells": [{ name: "EU" }] }, 'resilience:cells[0].name: must be a name matching [a-z][a-z0-9-]*, got "EU"'],
        ["cell names unique", { "resilience:cells": [{ name: "eu" }, { name: "eu" }] }, 'resilience:cells[1].name: duplicate cell name "eu"'],
        ["cell database identifier", { "resilience:cells": [{ name: "eu", database: "a-b" }] }, 'resilience:cells[0].database: must be a PostgreSQL identifier ([a-z_][a-z0-9_]*), got "a-b"'],
        ["scenarios non-empty", { "resilience:gameday": { scenarios: [] } }, "resilience:gameday.scenarios: must not be empty"],
        ["scenarios known", { "resilience:gameday": { scenarios: ["primary-failure", "meteor"] } }, 'resilience:gameday.scenarios[1]: must be one of replica-hardware-failure, primary-failure, primary-hang, primary-overload, app-faults, double-fault, primary-degraded-host, table-corruption, cluster-loss; got "meteor"'],
        ["a value that spans lines stays on one line", { "resilience:gameday": { scenarios: ["primary-failure\n- meteor"] } }, 'resilience:gameday.scenarios[0]: must be one of replica-hardware-failure, primary-failure, primary-hang, primary-overload, app-faults, double-fault, primary-degraded-host, table-corruption, cluster-loss; got "primary-failure\\n- meteor"'],
        ["scenarios not repeated", { "resilience:gameday": { scenarios: ["primary-failure", "primary-failure"] } }, 'resilience:gameday.scenarios[1]: duplicate "primary-failure"'],
        ["game-day targets name known scenarios", { "resilience:gameday": { targets: { "primary-failure": { writeUnavailableSeconds: 4 }, meteor: { writeUnavailableSeconds: 4 } } } }, 'resilience:gameday.targets.meteor: must be one of replica-hardware-failure, primary-failure, primary-hang, primary-overload, app-faults, double-fault, primary-degraded-host, table-corruption, cluster-loss; got "meteor"'],
        ["game-day targets follow the recovery-target rules: >= 0", { "resilience:gameday": { targets: { "primary-hang": { writeUnavailableSeconds: -1 } } } }, "resilience:gameday.targets.primary-hang.writeUnavailableSeconds: must be >= 0, got -1"],
        ["game-day targets follow the recovery-target rules: counts are integers", { "resilience:gameday": { targets: { "app-faults": { failedWrites: 2.5 } } } }, "resilience:gameday.targets.app-faults.failedWrites: must be an integer, got 2.5"],
        ["game-day targets follow the recovery-target rules: lostWrites 0 with synchronous replication", { "resilience:gameday": { targets: { "primary-failure": { lostWrites: 1 } } } }, "resilience:gameday.targets.primary-failure.lostWrites: must be 0 when resilience:database.synchronousReplication is true, got 1"],
        ["game-day targets take recovery-target keys only (the restore drills' stay in backup.targets)", { "resilience:gameday": { targets: { "cluster-loss": { restoreSeconds: 60 } } } }, "resilience:gameday.targets.cluster-loss.restoreSeconds: unknown field (expected one of: writeUnavailableSeconds, readerRemovalSeconds, replacementSeconds, warmupSeconds, lostWrites, failedReads, failedWrites, coldReads, alarmDetectSeconds, falseFailovers, switchoverWriteUnavailableSeconds)"],
        ["a game-day target entry is an object", { "resilience:gameday": { targets: { "primary-failure": 4 } } }, "resilience:gameday.targets.primary-failure: must be an object, got 4"],
        ["schedule has five fields", { "resilience:gameday": { schedule: "0 3 * *" } }, 'resilience:gameday.schedule: must be a five-field cron expression (minute hour day-of-month month day-of-week), got "0 3 * *"'],
        ["schedule values in range", { "resilience:gameday": { schedule: "0 24 * * 1" } }, 'resilience:gameday.schedule: must be a five-field cron expression: hour "24" is outside 0-23, got "0 24 * * 1"'],
        ["schedule syntax", { "resilience:gameday": { schedule: "0 3 * * MON" } }, 'resilience:gameday.schedule: must be a five-field cron expression: day-of-week "MON" is not *, a number, a range a-b, a list a,b or a step */n, got "0 3 * * MON"'],
        ["backup schedule is cron", { "resilience:backup": { schedule: "0 2 * *" } }, 'resilience:backup.schedule: must be a five-field cron expression (minute hour day-of-month month day-of-week), got "0 2 * *"'],
        ["backup retention >= 1", { "resilience:backup": { retentionFullBackups: 0 } }, "resilience:backup.retentionFullBackups: must be >= 1, got 0"],
        ["restoreSeconds > 0", { "resilience:backup": { targets: { restoreSeconds: 0 } } }, "resilience:backup.targets.restoreSeconds: must be > 0, got 0"],
        ["recoveryPointSeconds >= 0", { "resilience:backup": { targets: { recoveryPointSeconds: -1 } } }, "resilience:backup.targets.recoveryPointSeconds: must be >= 0, got -1"],
        ["backup targets have no other field", { "resilience:backup": { targets: { rpo: 5 } } }, "resilience:backup.targets.rpo: unknown field (expected one of: restoreSeconds, recoveryPointSeconds)"],
        ["emails contain @", { "resilience:notifications": { emails: ["oncall"] } }, 'resilience:notifications.emails[0]: must contain @, got "oncall"'],
        ["webhookUrl https", { "resilience:notifications": { webhookUrl: "http://hooks.example.com/x" } }, 'resilience:notifications.webhookUrl: must start with https:// (or http://127.0.0.1 for a local receiver), got "http://hooks.example.com/x"'],
        ["portBase 1024 to 65000", { "resilience:local": { portBase: 80 } }, "resilience:local.portBase: must be between 1024 and 65000, got 80"],
        ["stateDir absolute", { "resilience:local": { stateDir: "state" } }, 'resilience:local.stateDir: must start with "/", got "state"'],
        ["ttl >= loopWait + 2 x retryTimeout", { "resilience:local": { patroni: { ttlSeconds: 4, loopWaitSeconds: 1, retryTimeoutSeconds: 2 } } }, "resilience:local.patroni.ttlSeconds: must be >= loopWaitSeconds + 2 x retryTimeoutSeconds (5), got 4"],
        ["loopWaitSeconds >= 1", { "resilience:local": { patroni: { loopWaitSeconds: 0 } } }, "resilience:local.patroni.loopWaitSeconds: must be >= 1, got 0"],
        ["retryTimeoutSeconds >= 1", { "resilience:local": { patroni: { ttlSeconds: 10, retryTimeoutSeconds: 0 } } }, "resilience:local.patroni.retryTimeoutSeconds: must be >= 1, got 0"],
        ["checkIntervalMs 50 to 60000", { "resilience:local": { haproxy: { checkIntervalMs: 10 } } }, "resilience:local.haproxy.checkIntervalMs: must be between 50 and 60000, got 10"],
        ["fall >= 1", { "resilience:local": { haproxy: { fall: 0 } } }, "resilience:local.haproxy.fall: must be >= 1, got 0"],
        ["rise >= 1", { "resilience:local": { haproxy: { rise: 0 } } }, "resilience:local.haproxy.rise: must be >= 1, got 0"],
        ["aws section required on aws", { "resilience:platform": "aws" }, "resilience:aws: is required on platform aws (vpcId, subnetIds, availabilityZones)"],
        ["game-day image required on a cloud platform, after every section", { "resilience:platform": "aws", "resilience:aws": AWS }, "resilience:gameday.image: is required on platform aws: the scheduled game-day runs this image; set the reference .github/workflows/chaos-image.yml pushed (e.g. ghcr.io/<owner>/<repo>/chaos@sha256:<digest>)"],
        ["pgBackRest's backup schedule is local only: cloud backups follow the database section", { "resilience:platform": "kubernetes", "resilience:database": { instanceClass: "medium" }, "resilience:gameday": { image: IMAGE }, "resilience:backup": { schedule: "0 2 * * *" } }, "resilience:backup.schedule: applies to platform local only (pgBackRest); on kubernetes base backups run daily at resilience:database.backupWindow and are kept resilience:database.backupRetentionDays: set those instead"],
        ["game-day image needs a tag or a digest", { "resilience:gameday": { image: "ghcr.io/example/resilience/chaos" } }, 'resilience:gameday.image: must be an image reference with a tag or a digest (registry/name:tag or registry/name@sha256:<64 hex>), got "ghcr.io/example/resilience/chaos"'],
        ["game-day image digest is sha256 and 64 hex", { "resilience:gameday": { image: "ghcr.io/example/chaos@sha256:abc" } }, 'resilience:gameday.image: must be an image reference with a tag or a digest (registry/name:tag or registry/name@sha256:<64 hex>), got "ghcr.io/example/chaos@sha256:abc"'],
        ["vpcId required", { "resilience:platform": "aws", "resilience:aws": { subnetIds: AWS.subnetIds } }, "resilience:aws.vpcId: is required"],
        ["vpcId prefix", { "resilience:platform": "aws", "resilience:aws": { ...AWS, vpcId: "vpc1" } }, 'resilience:aws.vpcId: must be "vpc-" followed by 8 or 17 lowercase hex digits, got "vpc1"'],
        ["vpcId shape", { "resilience:platform": "aws", "resilience:aws": { ...AWS, vpcId: "vpc-0123" } }, 'resilience:aws.vpcId: must be "vpc-" followed by 8 or 17 lowercase hex digits, got "vpc-0123"'],
        ["at least 2 subnets", { "resilience:platform": "aws", "resilience:aws": { ...AWS, subnetIds: ["subnet-0aaa1111bbbb2222c"] } }, "resilience:aws.subnetIds: must have at least 2 items, got 1"],
        ["subnet prefix", { "resilience:platform": "aws", "resilience:aws": { ...AWS, subnetIds: ["subnet-0aaa1111bbbb2222c", "sn-b"] } }, 'resilience:aws.subnetIds[1]: must be "subnet-" followed by 8 or 17 lowercase hex digits, got "sn-b"'],
        ["subnet shape: hex digits", { "resilience:platform": "aws", "resilience:aws": { ...AWS, subnetIds: ["subnet-0aaa1111bbbb2222c", "subnet-0ggg5555hhhh6666i"] } }, 'resilience:aws.subnetIds[1]: must be "subnet-" followed by 8 or 17 lowercase hex digits, got "subnet-0ggg5555hhhh6666i"'],
        ["availabilityZones required", { "resilience:platform": "aws", "resilience:aws": { vpcId: AWS.vpcId, subnetIds: AWS.subnetIds } }, "resilience:aws.availabilityZones: is required"],
        ["at least 2 zones", { "resilience:platform": "aws", "resilience:aws": { ...AWS, availabilityZones: ["eu-central-1a"] } }, "resilience:aws.availabilityZones: must have at least 2 items, got 1"],
        ["zones are zone names", { "resilience:platform": "aws", "resilience:aws": { ...AWS, availabilityZones: ["eu-central-1a", "b"] } }, 'resilience:aws.availabilityZones[1]: must be an availability zone name such as eu-central-1a, got "b"'],
        ["zones unique", { "resilience:platform": "aws", "resilience:aws": { ...AWS, availabilityZones: ["eu-central-1a", "eu-central-1a"] } }, 'resilience:aws.availabilityZones[1]: duplicate "eu-central-1a"'],
        ["security groups prefix", { "resilience:platform": "aws", "resilience:aws": { ...AWS, allowedSecurityGroupIds: ["group"] } }, 'resilience:aws.allowedSecurityGroupIds[0]: must be "sg-" followed by 8 or 17 lowercase hex digits, got "group"'],
        ["security group shape", { "resilience:platform": "aws", "resilience:aws": { ...AWS, allowedSecurityGroupIds: ["sg-0123456789ABCDEF0"] } }, 'resilience:aws.allowedSecurityGroupIds[0]: must be "sg-" followed by 8 or 17 lowercase hex digits, got "sg-0123456789ABCDEF0"'],
        ["insights retention", { "resilience:platform": "aws", "resilience:aws": { ...AWS, performanceInsightsRetentionDays: 30 } }, "resilience:aws.performanceInsightsRetentionDays: must be 7 or a multiple of 31 up to 731, got 30"],
        ["namespace is a DNS label", { "resilience:kubernetes": { namespace: "Databases" } }, 'resilience:kubernetes.namespace: must be a DNS label ([a-z0-9]([-a-z0-9]*[a-z0-9])?), got "Databases"'],
        ["operatorChartVersion non-empty", { "resilience:kubernetes": { operatorChartVersion: "" } }, "resilience:kubernetes.operatorChartVersion: must not be empty"],
        ["backupDestinationPath is an object store URL", { "resilience:kubernetes": { backupDestinationPath: "/backups" } }, 'resilience:kubernetes.backupDestinationPath: must be an object store URL (s3://bucket/path, gs://bucket/path or https://...), got "/backups"'],
        ["backupRoleArn is a role ARN", { "resilience:kubernetes": { backupRoleArn: "arn:aws:iam::1:role/x" } }, 'resilience:kubernetes.backupRoleArn: must be an IAM role ARN arn:aws:iam::<12-digit account>:role/<name>, got "arn:aws:iam::1:role/x"'],
        ["an s3 destination needs a role", { "resilience:kubernetes": { backupDestinationPath: "s3://acme-db-backups/prod" } }, "resilience:kubernetes.backupRoleArn: is required with an s3:// backupDestinationPath (the pods reach the bucket through this role, no stored keys)"],
        ["monitoring is true or false", { "resilience:kubernetes": { monitoring: "off" } }, 'resilience:kubernetes.monitoring: must be true or false, got "off"'],
        ["monitoringLabels are key=value labels", { "resilience:kubernetes": { monitoringLabels: ["team: db"] } }, 'resilience:kubernetes.monitoringLabels[0]: must be a Kubernetes label key=value, got "team: db"'],
    ];
    for (const [rule, config, expected] of cases) {
        it(rule, () => rejects(config, expected));
    }

    it("lostWrites may exceed 0 without synchronous replication", () => {
        const spec = read({ "resilience:database": { synchronousReplication: false }, "resilience:recoveryTargets": { lostWrites: 3 } });
        assert.equal(spec.recoveryTargets.lostWrites, 3);
    });

    it("a game-day target overrides the stack-wide target for its scenario only, the other keys stay stack-wide", () => {
        const spec = read({
            "resilience:recoveryTargets": { writeUnavailableSeconds: 15, readerRemovalSeconds: 5 },
            "resilience:gameday": { scenarios: ["primary-failure"], targets: { "primary-failure": { writeUnavailableSeconds: 4 }, "primary-hang": { writeUnavailableSeconds: 20 }, "double-fault": null } },
        });
        assert.deepEqual(Object.keys(spec.gameday.targets), ["primary-failure", "primary-hang"]);
        assert.deepEqual(spec.gameday.targets["primary-failure"], { ...spec.recoveryTargets, writeUnavailableSeconds: 4 });
        assert.equal(spec.gameday.targets["primary-hang"]?.writeUnavailableSeconds, 20);
        assert.equal(spec.gameday.targets["primary-hang"]?.readerRemovalSeconds, 5);
        assert.equal(spec.recoveryTargets.writeUnavailableSeconds, 15);
    });

    it("http://127.0.0.1 webhooks (a local receiver) are accepted", () => {
        assert.equal(read({ "resilience:notifications": { webhookUrl: "http://127.0.0.1:9000/hook" } }).notifications.webhookUrl, "http://127.0.0.1:9000/hook");
    });

    it("performance insights retention accepts 7 and whole months", () => {
        for (const days of [7, 31, 93, 713]) {
            const spec = read({ "resilience:platform": "aws", "resilience:gameday": { image: IMAGE }, "resilience:aws": { ...AWS, performanceInsightsRetentionDays: days } });
            assert.equal(spec.aws?.performanceInsightsRetentionDays, days);
        }
    });

    it("a game-day image with a tag, a digest or both is accepted", () => {
        for (const image of [IMAGE, `${IMAGE.replace(":1.4.0", "")}@sha256:${"ab".repeat(32)}`, `registry.example.com:5000/team/chaos:v1@sha256:${"0".repeat(64)}`]) {
            assert.equal(read({ "resilience:platform": "kubernetes", "resilience:database": { instanceClass: "medium" }, "resilience:gameday": { image } }).gameday.image, image);
        }
    });

    it("a cloud stack's restore-drill targets are read; its backups' time and retention stay in the database section", () => {
        const spec = read({ "resilience:platform": "kubernetes", "resilience:database": { instanceClass: "medium", backupRetentionDays: 14 }, "resilience:gameday": { image: IMAGE }, "resilience:backup": { targets: { restoreSeconds: 900 } } });
        assert.equal(spec.backup.targets.restoreSeconds, 900);
        assert.equal(spec.database.backupRetentionDays, 14);
    });

    it("cron lists, ranges and steps are accepted", () => {
        assert.equal(read({ "resilience:gameday": { schedule: "*/15 1-3 1,15 * 0-6" } }).gameday.schedule, "*/15 1-3 1,15 * 0-6");
    });

    it("null means absent, as in the C# reader: the default applies", () => {
        const spec = read({ "resilience:database": { storageGb: null }, "resilience:kubernetes": null });
        assert.equal(spec.database.storageGb, 20);
        assert.equal(spec.kubernetes, null);
    });

    it("scalars read as YAML scalars do: quoted numbers and booleans are accepted", () => {
        const spec = read({ "resilience:database": { storageGb: "30", synchronousReplication: "True", engineVersion: 16 } });
        assert.equal(spec.database.storageGb, 30);
        assert.equal(spec.database.synchronousReplication, true);
        assert.equal(spec.database.engineVersion, "16");
    });

    it("an unquoted decimal version is refused, since 15.10 would read as 15.1", () => {
        rejects(
            { "resilience:database": { engineVersion: 15.1 } },
            "resilience:database.engineVersion: must be quoted (an unquoted 15.1 is a number, and 15.10 would read as 15.1)",
        );
    });

    it("the warm-up database defaults to the database's name", () => {
        const spec = read({ "resilience:database": { databaseName: "clinic" }, "resilience:replicaGroups": [{ name: "r", warmup: {} }] });
        assert.deepEqual(spec.replicaGroups[0]?.warmup.databases, ["clinic"]);
    });
});

describe("unknown keys and fields", () => {
    it("an unknown resilience key is rejected", () => {
        rejects({ "resilience:replicaGroup": [] }, "resilience:replicaGroup: unknown key (expected one of: resilience:platform, resilience:environment, resilience:database, resilience:replicaGroups, resilience:endpoints, resilience:alarms, resilience:recoveryTargets, resilience:cells, resilience:gameday, resilience:backup, resilience:notifications, resilience:local, resilience:aws, resilience:kubernetes)");
    });

    it("an unknown field is rejected with its own path", () => {
        rejects(
            { "resilience:replicaGroups": [{ name: "r", warmup: { maxReplayLag: 1 } }] },
            "resilience:replicaGroups[0].warmup.maxReplayLag: unknown field (expected one of: relations, databases, fullStorageRead, maxReplayLagSeconds, minWarmSeconds, lagGraceSeconds, ioRateMbPerSecond)",
        );
    });

    it("a section of the wrong shape is rejected", () => {
        rejects({ "resilience:database": "big" }, 'resilience:database: must be an object, got "big"');
        rejects({ "resilience:alarms": { name: "a" } }, "resilience:alarms: must be a list, got an object");
    });
});

describe("the first offending key is reported, in document order", () => {
    it("sections in document order, not file order", () => {
        rejects(
            { "resilience:cells": [], "resilience:database": { storageGb: 0 } },
            "resilience:database.storageGb: must be between 1 and 65536, got 0",
        );
    });

    it("fields in the order of the doc's table, not file order", () => {
        rejects(
            { "resilience:database": { backupRetentionDays: 0, storageGb: 0 } },
            "resilience:database.storageGb: must be between 1 and 65536, got 0",
        );
    });

    it("unknown keys before any section", () => {
        rejects({ "resilience:database": { storageGb: 0 }, "resilience:extra": 1 }, /* first: */ "resilience:extra: unknown key (expected one of: resilience:platform, resilience:environment, resilience:database, resilience:replicaGroups, resilience:endpoints, resilience:alarms, resilience:recoveryTargets, resilience:cells, resilience:gameday, resilience:backup, resilience:notifications, resilience:local, resilience:aws, resilience:kubernetes)");
    });

    it("an object's known fields before its unknown fields", () => {
        rejects({ "resilience:database": { storage: 1, storageGb: 0 } }, "resilience:database.storageGb: must be between 1 and 65536, got 0");
        rejects(
            { "resilience:database": { storageGb: 10, storage: 1 } },
            "resilience:database.storage: unknown field (expected one of: engineVersion, instanceClass, storageGb, synchronousReplication, backupRetentionDays, deletionProtection, allowMajorVersionUpgrade, kmsKeyId, databaseName, masterUsername, upgradeEvidence, maintenanceWindow, backupWindow)",
        );
    });

    it("every item before duplicate names", () => {
        rejects(
            { "resilience:replicaGroups": [{ name: "a" }, { name: "a", promotionTier: 99 }] },
            "resilience:replicaGroups[1].promotionTier: must be between 0 and 15, got 99",
        );
    });

    it("a nested object's fields before its parent's unknown fields, then cross-field rules", () => {
        rejects(
            { "resilience:replicaGroups": [{ name: "a", size: { min: 3, desired: 2, max: 3, maximum: 4 } }] },
            "resilience:replicaGroups[0].size.maximum: unknown field (expected one of: min, desired, max)",
        );
        rejects(
            { "resilience:replicaGroups": [{ name: "a", size: { min: 3, desired: 2, max: 16 } }] },
            "resilience:replicaGroups[0].size.max: must be <= 15, got 16",
        );
    });

    it("earlier list items before later ones", () => {
        rejects(
            { "resilience:replicaGroups": [{ name: "a", promotionTier: 99 }, { name: "B" }] },
            "resilience:replicaGroups[0].promotionTier: must be between 0 and 15, got 99",
        );
    });
});

describe("secrets", () => {
    const marker = { secure: "v1:abc:def" };

    it("a file-form secret webhook is opaque and never decrypted", () => {
        const spec = read({ "resilience:notifications": { webhookUrl: marker } }, ["resilience:notifications"]);
        const url = spec.notifications.webhookUrl;
        assert.ok(url instanceof SecretValue);
        assert.equal(url.isDecrypted, false);
        assert.equal(url.toOutput(), undefined);
        assert.ok(!JSON.stringify(spec).includes("v1:"));
    });

    it("an engine-decrypted webhook stays opaque: JSON, String and inspect show [secret]", async () => {
        const clear = "https://hooks.example.com/T0/very-secret-token";
        const spec = read({ "resilience:notifications": { emails: ["a@b.c"], webhookUrl: clear } }, ["resilience:notifications"]);
        const url = spec.notifications.webhookUrl;
        assert.ok(url instanceof SecretValue);
        assert.equal(url.isDecrypted, true);
        for (const rendering of [JSON.stringify(spec), String(url), `${url}`, inspect(spec, { depth: 10 }), JSON.stringify(normalize(spec))]) {
            assert.ok(!rendering.includes("very-secret-token"), rendering);
        }
        const output = url.toOutput();
        assert.ok(output !== undefined);
        assert.equal(await pulumi.isSecret(output), true);
    });

    it("an engine-decrypted webhook is still checked, without echoing it", () => {
        rejects(
            { "resilience:notifications": { webhookUrl: "http://leaky.example.com/token" } },
            "resilience:notifications.webhookUrl: must start with https:// (or http://127.0.0.1 for a local receiver), got [secret]",
            ["resilience:notifications"],
        );
    });

    it("only the webhook may be secret in notifications", () => {
        rejects({ "resilience:notifications": { emails: ["a@b.c"] } }, "resilience:notifications: only webhookUrl may be a secret", ["resilience:notifications"]);
    });

    it("a secret anywhere else is rejected at its own path", () => {
        rejects(
            { "resilience:database": { storageGb: 20, kmsKeyId: marker } },
            "resilience:database.kmsKeyId: may not be a secret (only resilience:notifications.webhookUrl may be { secure: ... })",
            ["resilience:database"],
        );
        rejects(
            { "resilience:notifications": { emails: [marker] } },
            "resilience:notifications.emails[0]: may not be a secret (only resilience:notifications.webhookUrl may be { secure: ... })",
            ["resilience:notifications"],
        );
    });

    it("an engine-decrypted secret key other than notifications is rejected at the key", () => {
        rejects({ "resilience:platform": "aws" }, "resilience:platform: may not be a secret (only resilience:notifications.webhookUrl may be { secure: ... })", ["resilience:platform"]);
    });
});

describe("scripts/normalize.ts", () => {
    const run = (file: string) =>
        spawnSync(process.execPath, ["--import", "tsx", "scripts/normalize.ts", file], { cwd: INFRA, encoding: "utf8" });

    it("prints the normalized JSON of a valid stack file and exits 0", () => {
        const result = run(join(REPO_ROOT, "Pulumi.prod.yaml"));
        assert.equal(result.status, 0, result.stderr);
        const json = JSON.parse(result.stdout) as { platform: string; notifications: { webhookUrl: string } };
        assert.equal(json.platform, "aws");
        assert.equal(json.notifications.webhookUrl, "[secret]");
    });

    it("rejects an invalid stack file with one line and exit code 2", () => {
        const result = run(join(INFRA, "test", "data", "Pulumi.invalid-size.yaml"));
        assert.equal(result.status, 2);
        assert.equal(result.stdout, "");
        assert.equal(result.stderr, "Pulumi.invalid-size.yaml: resilience:replicaGroups[0].size: min 3 > desired 2\n");
    });
});
