import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";

import { ResourceType } from "../resources";
import { auroraStack, named, withProps } from "./fixtures";
import { ServedPack, servePack } from "./served-pack";

const prodDatabase = {
    engineVersion: "15.4",
    upgradeEvidence: { version: "15.4", stack: "staging", report: "reports/staging/2026-11-15/report.json" },
};

describe("the pack served as the Pulumi CLI runs it (prod)", () => {
    let pack: ServedPack;

    before(async () => {
        pack = await servePack("prod", { "resilience:environment": "production", "resilience:database": prodDatabase, "aws:region": "eu-central-1" });
    });

    after(() => pack?.stop());

    it("announces its policies, mandatory for prod", async () => {
        const info = await pack.info();
        assert.equal(info.name, "resilience");
        assert.equal(info.policies.length, 26);
        assert.deepEqual([...new Set(info.policies.map((policy) => policy.enforcementLevel))], ["mandatory"]);
    });

    it("passes a healthy production cell whose engine version is the deployed one", async () => {
        await pack.configure({ "engine-version-change-requires-gameday": { deployedEngineVersions: { "eu-1": "15.4" } } });
        const stack = auroraStack({ stack: "prod" });
        assert.deepEqual(await pack.analyzeStack(stack), []);
        for (const resource of stack) {
            assert.deepEqual(await pack.analyze(resource), [], resource.name);
        }
    });

    it("fails an unencrypted cluster and an engine upgrade without evidence", async () => {
        await pack.configure({ "engine-version-change-requires-gameday": { deployedEngineVersions: { "eu-1": "15.4" } } });
        const broken = withProps(auroraStack({ stack: "prod" }), "eu-1", { storageEncrypted: false, engineVersion: "16.4" });
        const cluster = named(broken, "eu-1", ResourceType.rdsCluster);
        const resourceDiagnostics = await pack.analyze(cluster);
        assert.deepEqual(resourceDiagnostics.map((d) => [d.policyName, d.enforcementLevel]), [["rds-storage-encrypted", "mandatory"]]);
        const stackDiagnostics = await pack.analyzeStack(broken);
        assert.deepEqual(stackDiagnostics.map((d) => [d.policyName, d.enforcementLevel]),
            [["engine-version-change-requires-gameday", "mandatory"]]);
        assert.match(stackDiagnostics[0].message, /changes engine version 15.4 -> 16.4, but resilience:database.upgradeEvidence.version is "15.4", not "16.4"/);
    });
});

describe("the pack served for a staging stack", () => {
    let pack: ServedPack;

    before(async () => {
        pack = await servePack("staging", { "resilience:database": { engineVersion: "15.4" } });
    });

    after(() => pack?.stop());

    it("is advisory", async () => {
        const info = await pack.info();
        assert.deepEqual([...new Set(info.policies.map((policy) => policy.enforcementLevel))], ["advisory"]);
        const diagnostics = await pack.analyze(withProps(auroraStack(), "eu-1", { storageEncrypted: false })[0]);
        assert.deepEqual(diagnostics.map((d) => [d.policyName, d.enforcementLevel]), [["rds-storage-encrypted", "advisory"]]);
    });
});
