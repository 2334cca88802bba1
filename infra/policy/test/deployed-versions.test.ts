import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { describe, it } from "node:test";

import { deployedEngineVersions, policyConfigWithDeployedVersions } from "../deployed-versions";
import { ResourceType } from "../resources";
import { urnOf } from "./validation-args";

const exported = {
    version: 3,
    deployment: {
        resources: [
            { urn: "urn:pulumi:prod::resilience::pulumi:pulumi:Stack::resilience-prod", type: "pulumi:pulumi:Stack", outputs: {} },
            { urn: urnOf(ResourceType.rdsCluster, "eu-1", "prod"), type: ResourceType.rdsCluster,
                inputs: { engineVersion: "15.4" }, outputs: { engineVersion: "15.4", engineVersionActual: "15.5" } },
            { urn: urnOf(ResourceType.rdsCluster, "eu-2", "prod"), type: ResourceType.rdsCluster,
                inputs: {}, outputs: { engineVersionActual: "15.4" } },
            { urn: urnOf(ResourceType.cnpgCluster, "default", "prod"), type: ResourceType.cnpgCluster,
                inputs: { spec: { imageName: "ghcr.io/cloudnative-pg/postgresql:16.4" } }, outputs: {} },
        ],
    },
};

describe("deployedEngineVersions", () => {
    it("reads the deployed Aurora engineVersion (what a preview diffs against) and CloudNativePG's image tag", () => {
        assert.deepEqual(deployedEngineVersions(exported), {
            [urnOf(ResourceType.rdsCluster, "eu-1", "prod")]: "15.4",
            [urnOf(ResourceType.rdsCluster, "eu-2", "prod")]: "15.4",
            [urnOf(ResourceType.cnpgCluster, "default", "prod")]: "16.4",
        });
    });

    it("reads nothing from an empty export (a stack never deployed)", () => {
        assert.deepEqual(deployedEngineVersions({}), {});
        assert.deepEqual(deployedEngineVersions({ version: 3, deployment: {} }), {});
    });
});

describe("policyConfigWithDeployedVersions", () => {
    it("keeps the other entries and the policy's enforcement level", () => {
        const config = policyConfigWithDeployedVersions(
            { all: "mandatory", "engine-version-change-requires-gameday": "advisory" }, { a: "15.4" });
        assert.deepEqual(config, {
            all: "mandatory",
            "engine-version-change-requires-gameday": { enforcementLevel: "advisory", deployedEngineVersions: { a: "15.4" } },
        });
    });
});

describe("scripts/deployed-engine-versions.ts", () => {
    it("turns a stack export on stdin into a policy config on stdout", () => {
        const infra = path.resolve(__dirname, "..", "..");
        const output = execFileSync(process.execPath, ["--import", "tsx", "policy/scripts/deployed-engine-versions.ts"],
            { cwd: infra, input: JSON.stringify(exported), encoding: "utf8" });
        assert.deepEqual(JSON.parse(output), {
            "engine-version-change-requires-gameday": { deployedEngineVersions: deployedEngineVersions(exported) },
        });
    });
});
