import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { backupRetention, deletionProtectionInProduction, notPubliclyAccessible, storageEncrypted } from "../database";
import { ResourceType } from "../resources";
import { auroraStack, named } from "./fixtures";
import { resourceViolations, TestResource } from "./validation-args";

const cluster = (stack = "prod", props: Record<string, unknown> = {}): TestResource => {
    const base = named(auroraStack({ stack }), "eu-1");
    return { ...base, props: { ...base.props, ...props } };
};

describe("rds-storage-encrypted", () => {
    it("passes an encrypted cluster", async () => {
        assert.deepEqual(await resourceViolations(storageEncrypted(), cluster()), []);
    });

    it("reports a cluster without storageEncrypted", async () => {
        const violations = await resourceViolations(storageEncrypted(), cluster("prod", { storageEncrypted: undefined }));
        assert.deepEqual(violations, [
            `Cluster "eu-1" must set storageEncrypted: true (got undefined); encryption cannot be added to a cluster later without a restore.`,
        ]);
    });

    it("reports an unencrypted standalone instance", async () => {
        const instance: TestResource = { type: ResourceType.rdsInstance, name: "legacy", props: { storageEncrypted: false } };
        assert.deepEqual(await resourceViolations(storageEncrypted(), instance), [
            `Instance "legacy" must set storageEncrypted: true (got false).`,
        ]);
    });

    it("ignores other resource types", async () => {
        assert.deepEqual(await resourceViolations(storageEncrypted(), named(auroraStack(), "alarms")), []);
    });
});

describe("rds-not-publicly-accessible", () => {
    const writer = named(auroraStack(), "eu-1-writer");

    it("passes a private instance", async () => {
        assert.deepEqual(await resourceViolations(notPubliclyAccessible(), writer), []);
    });

    it("reports a publicly accessible cluster instance", async () => {
        const exposed = { ...writer, props: { ...writer.props, publiclyAccessible: true } };
        assert.deepEqual(await resourceViolations(notPubliclyAccessible(), exposed), [
            `Cluster instance "eu-1-writer" must not be publicly accessible: set publiclyAccessible: false and reach it through the VPC.`,
        ]);
    });
});

const PROD = { stack: "prod", environment: "production" };

describe("rds-deletion-protection-in-production", () => {
    it("does not apply to a stack named prod that does not declare resilience:environment: production", async () => {
        const violations = await resourceViolations(deletionProtectionInProduction({ stack: "prod" }),
            cluster("prod", { deletionProtection: false, skipFinalSnapshot: true }));
        assert.deepEqual(violations, []);
    });

    it("applies to a stack named prd that declares resilience:environment: production", async () => {
        const violations = await resourceViolations(deletionProtectionInProduction({ stack: "prd", environment: "production" }),
            cluster("prd", { deletionProtection: false }));
        assert.deepEqual(violations, [`Cluster "eu-1" in stack "prd" must set deletionProtection: true (got false).`]);
    });

    it("passes a protected production cluster", async () => {
        assert.deepEqual(await resourceViolations(deletionProtectionInProduction(PROD), cluster("prod")), []);
    });

    it("reports a production cluster without deletion protection or final snapshot", async () => {
        const violations = await resourceViolations(deletionProtectionInProduction(PROD),
            cluster("prod", { deletionProtection: false, skipFinalSnapshot: true }));
        assert.deepEqual(violations, [
            `Cluster "eu-1" in stack "prod" must set deletionProtection: true (got false).`,
            `Cluster "eu-1" in stack "prod" must take a final snapshot: set skipFinalSnapshot: false and a finalSnapshotIdentifier.`,
        ]);
    });

    it("reports a production cluster that does not name its final snapshot", async () => {
        const violations = await resourceViolations(deletionProtectionInProduction(PROD),
            cluster("prod", { finalSnapshotIdentifier: undefined }));
        assert.equal(violations.length, 1);
        assert.match(violations[0], /must name its final snapshot \(finalSnapshotIdentifier\)/);
    });

    it("does not apply to a staging cluster", async () => {
        const violations = await resourceViolations(deletionProtectionInProduction(),
            cluster("staging", { deletionProtection: false, skipFinalSnapshot: true }));
        assert.deepEqual(violations, []);
    });

    it("applies to every stack when configured", async () => {
        const violations = await resourceViolations(deletionProtectionInProduction(),
            cluster("staging", { deletionProtection: false }), { requireInAllStacks: true });
        assert.deepEqual(violations, [`Cluster "eu-1" in stack "staging" must set deletionProtection: true (got false).`]);
    });
});

describe("rds-backup-retention", () => {
    it("passes 7 days by default", async () => {
        assert.deepEqual(await resourceViolations(backupRetention(), cluster("prod", { backupRetentionPeriod: 7 })), []);
    });

    it("reports fewer days than the default minimum", async () => {
        assert.deepEqual(await resourceViolations(backupRetention(), cluster("prod", { backupRetentionPeriod: 3 })), [
            `Cluster "eu-1" keeps backups for 3 day(s); backupRetentionPeriod must be at least 7.`,
        ]);
    });

    it("counts an absent retention as AWS's 1 day", async () => {
        assert.deepEqual(await resourceViolations(backupRetention(), cluster("prod", { backupRetentionPeriod: undefined })), [
            `Cluster "eu-1" keeps backups for 1 day(s); backupRetentionPeriod must be at least 7.`,
        ]);
    });

    it("uses the configured minimum", async () => {
        const violations = await resourceViolations(backupRetention(), cluster("prod", { backupRetentionPeriod: 7 }),
            { minBackupRetentionDays: 14 });
        assert.deepEqual(violations, [`Cluster "eu-1" keeps backups for 7 day(s); backupRetentionPeriod must be at least 14.`]);
    });
});
