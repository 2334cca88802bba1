import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { ResourceType } from "../resources";
import { StackContext } from "../stack-context";
import { engineVersionChangeRequiresGameday, imageTag } from "../upgrades";
import { auroraStack, cnpgCluster, withProps } from "./fixtures";
import { stackViolations, urnOf } from "./validation-args";

const prodEvidence: StackContext = {
    stack: "prod",
    engineVersion: "15.4",
    upgradeEvidence: { version: "15.4", stack: "staging", report: "reports/staging/2026-11-15/report.json" },
};
const prod = auroraStack({ stack: "prod" });
const deployed = (version: string) => ({ deployedEngineVersions: { "eu-1": version } });

describe("engine-version-change-requires-gameday", () => {
    it("passes an unchanged version without evidence", async () => {
        const violations = await stackViolations(engineVersionChangeRequiresGameday({ stack: "prod" }), prod, deployed("15.4"));
        assert.deepEqual(violations, []);
    });

    it("passes a change whose version passed a game-day in staging", async () => {
        const violations = await stackViolations(engineVersionChangeRequiresGameday(prodEvidence), prod, deployed("15.3"));
        assert.deepEqual(violations, []);
    });

    it("reports a minor upgrade whose evidence names another version", async () => {
        const upgraded = withProps(prod, "eu-1", { engineVersion: "15.5" });
        assert.deepEqual(await stackViolations(engineVersionChangeRequiresGameday(prodEvidence), upgraded, deployed("15.4")), [{
            message: `Cluster "eu-1" in stack "prod" changes engine version 15.4 -> 15.5, but resilience:database.upgradeEvidence.version is "15.4", not "15.5". Run the game-day with 15.5 in a lower stack first, then record it in resilience:database.upgradeEvidence { version, stack, report }.`,
            urn: urnOf(ResourceType.rdsCluster, "eu-1", "prod"),
        }]);
    });

    it("reports a major upgrade without evidence", async () => {
        const upgraded = withProps(prod, "eu-1", { engineVersion: "16.4" });
        const violations = await stackViolations(engineVersionChangeRequiresGameday({ stack: "prod" }), upgraded, deployed("15.4"));
        assert.match(violations[0].message, /changes engine version 15.4 -> 16.4, but the stack config records no resilience:database.upgradeEvidence\./);
    });

    it("reports evidence from the same stack, or from another production stack", async () => {
        const upgraded = withProps(prod, "eu-1", { engineVersion: "16.4" });
        const sameStack: StackContext = { stack: "prod", upgradeEvidence: { version: "16.4", stack: "prod", report: "r.json" } };
        const otherProd: StackContext = { stack: "prod", upgradeEvidence: { version: "16.4", stack: "prod-us", report: "r.json" } };
        assert.match((await stackViolations(engineVersionChangeRequiresGameday(sameStack), upgraded, deployed("15.4")))[0].message,
            /upgradeEvidence.stack must name the lower stack whose game-day passed, not "prod"/);
        assert.match((await stackViolations(engineVersionChangeRequiresGameday(otherProd), upgraded, deployed("15.4")))[0].message,
            /upgradeEvidence.stack "prod-us" is a production stack, not a lower environment/);
    });

    it("fails closed when the deployed version is not recorded", async () => {
        const violations = await stackViolations(engineVersionChangeRequiresGameday({ stack: "staging" }), auroraStack());
        assert.deepEqual(violations.map((v) => v.message), [
            `Cluster "eu-1" in stack "staging" declares engine version 15.4 and its deployed version is not recorded (deployedEngineVersions), but the stack config records no resilience:database.upgradeEvidence. Run the game-day with 15.4 in a lower stack first, then record it in resilience:database.upgradeEvidence { version, stack, report }.`,
        ]);
    });

    it("allows an unrecorded version when configured so", async () => {
        const violations = await stackViolations(engineVersionChangeRequiresGameday({ stack: "staging" }), auroraStack(),
            { whenDeployedVersionUnknown: "allow" });
        assert.deepEqual(violations, []);
    });

    it("reads a CloudNativePG cluster's version from its image tag", async () => {
        const cluster = cnpgCluster("prod", { imageName: "ghcr.io/cloudnative-pg/postgresql:16.4" });
        const violations = await stackViolations(engineVersionChangeRequiresGameday(prodEvidence), [cluster],
            { deployedEngineVersions: { default: "15.4" } });
        assert.match(violations[0].message, /Cluster "default" in stack "prod" changes engine version 15.4 -> 16.4/);
    });
});

describe("imageTag", () => {
    it("reads the tag of an image reference", () => {
        assert.equal(imageTag("ghcr.io/cloudnative-pg/postgresql:16.4"), "16.4");
        assert.equal(imageTag("registry:5000/postgresql:15@sha256:abc"), "15");
        assert.equal(imageTag("registry:5000/postgresql"), undefined);
    });
});
