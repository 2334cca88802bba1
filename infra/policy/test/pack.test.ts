import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { resiliencePolicies, resiliencePolicyPackArgs } from "../pack";
import { auroraStack, cnpgCluster, cnpgCompanions, withProps } from "./fixtures";
import { runPack } from "./validation-args";

const prodContext = {
    stack: "prod",
    environment: "production",
    engineVersion: "15.4",
    upgradeEvidence: { version: "15.4", stack: "staging", report: "reports/staging/2026-11-15/report.json" },
};

describe("the resilience policy pack", () => {
    it("has unique policy names the engine accepts", () => {
        const names = resiliencePolicies(prodContext).map((policy) => policy.name);
        assert.equal(new Set(names).size, names.length);
        for (const name of names) {
            assert.match(name, /^[a-z0-9-]+$/);
            assert.notEqual(name, "all");
        }
        assert.equal(names.length, 26);
    });

    it("never declares enforcementLevel in a config schema (the engine refuses to start the pack)", () => {
        for (const policy of resiliencePolicies(prodContext)) {
            assert.equal(policy.configSchema?.properties.enforcementLevel, undefined, policy.name);
            assert.equal(policy.enforcementLevel, undefined, `${policy.name} must inherit the pack's level`);
        }
    });

    it("is mandatory for a production stack and advisory elsewhere", () => {
        assert.equal(resiliencePolicyPackArgs(prodContext).enforcementLevel, "mandatory");
        assert.equal(resiliencePolicyPackArgs({ stack: "staging" }).enforcementLevel, "advisory");
    });

    it("is advisory for a stack named prd that does not declare production, and warns that it looks like production", async () => {
        const context = { stack: "prd", engineVersion: "15.4" };
        const args = resiliencePolicyPackArgs(context);
        assert.equal(args.enforcementLevel, "advisory");
        const violations = await runPack(args.policies, args.enforcementLevel!, auroraStack({ stack: "prd" }), {
            "engine-version-change-requires-gameday": { whenDeployedVersionUnknown: "allow" },
        });
        assert.deepEqual(violations.map((v) => [v.policy, v.enforcementLevel]), [["environment-declared", "advisory"]]);
    });

    it("is mandatory for a stack named prd that declares resilience:environment: production", async () => {
        const args = resiliencePolicyPackArgs({ stack: "prd", environment: "production" });
        assert.equal(args.enforcementLevel, "mandatory");
        const violations = await runPack(args.policies, args.enforcementLevel!,
            withProps(auroraStack({ stack: "prd" }), "eu-1", { deletionProtection: false }), {
                "engine-version-change-requires-gameday": { whenDeployedVersionUnknown: "allow" },
            });
        assert.deepEqual(violations.map((v) => [v.policy, v.enforcementLevel]), [["rds-deletion-protection-in-production", "mandatory"]]);
    });

    it("passes a healthy production cell and CloudNativePG cluster", async () => {
        const args = resiliencePolicyPackArgs(prodContext);
        const violations = await runPack(args.policies, args.enforcementLevel!, [...auroraStack({ stack: "prod" }), cnpgCluster("prod"), ...cnpgCompanions("prod")], {
            "engine-version-change-requires-gameday": { deployedEngineVersions: { "eu-1": "15.4", default: "15.4" } },
        });
        assert.deepEqual(violations, []);
    });

    it("reports a broken production cell with mandatory violations", async () => {
        const args = resiliencePolicyPackArgs(prodContext);
        const broken = withProps(auroraStack({ stack: "prod" }), "eu-1", { storageEncrypted: false, engineVersion: "16.4" });
        const violations = await runPack(args.policies, args.enforcementLevel!, broken, {
            "engine-version-change-requires-gameday": { deployedEngineVersions: { "eu-1": "15.4" } },
        });
        assert.deepEqual(violations.map((v) => [v.policy, v.enforcementLevel]), [
            ["rds-storage-encrypted", "mandatory"],
            ["engine-version-change-requires-gameday", "mandatory"],
        ]);
    });

    it("lets a policy config file override the enforcement level", async () => {
        const args = resiliencePolicyPackArgs({ stack: "staging" });
        const broken = withProps(auroraStack({ stack: "staging" }), "eu-1", { storageEncrypted: false });
        const config = { all: "mandatory" as const, "rds-backup-retention": "disabled" as const, "engine-version-change-requires-gameday": { whenDeployedVersionUnknown: "allow" } };
        const violations = await runPack(args.policies, args.enforcementLevel!, withProps(broken, "eu-1", { backupRetentionPeriod: 1 }), config);
        assert.deepEqual(violations.map((v) => [v.policy, v.enforcementLevel]), [["rds-storage-encrypted", "mandatory"]]);
    });
});
