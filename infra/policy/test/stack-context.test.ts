import assert from "node:assert/strict";
import { describe, it } from "node:test";

import * as path from "node:path";

import { defaultEnforcementLevel, isProduction, nameLooksLikeProduction, projectRootAbove, StackContext, stackContextFromConfig, stackContextFromEnvironment } from "../stack-context";

describe("nameLooksLikeProduction (a hint only)", () => {
    it("recognizes production names", () => {
        for (const name of ["prod", "prd", "production", "prod-eu", "eu.production", "acme/resilience/prod", "PROD"]) {
            assert.equal(nameLooksLikeProduction(name), true, name);
        }
    });

    it("does not mistake other names", () => {
        for (const name of ["staging", "k8s-staging", "local", "product", "preprod", undefined]) {
            assert.equal(nameLooksLikeProduction(name), false, String(name));
        }
    });
});

describe("isProduction", () => {
    it("follows resilience:environment, not the stack's name", () => {
        assert.equal(isProduction({ stack: "prd", environment: "production" }), true);
        assert.equal(isProduction({ stack: "live" , environment: "production" }), true);
        assert.equal(isProduction({ stack: "prod" }), false);
        assert.equal(isProduction({ stack: "prod", environment: "staging" }), false);
    });
});

describe("defaultEnforcementLevel", () => {
    it("is mandatory in production and advisory elsewhere", () => {
        assert.equal(defaultEnforcementLevel({ stack: "prd", environment: "production" }), "mandatory");
        assert.equal(defaultEnforcementLevel({ stack: "prod" }), "advisory");
        assert.equal(defaultEnforcementLevel({ stack: "staging", environment: "staging" }), "advisory");
        assert.equal(defaultEnforcementLevel({}), "advisory");
    });
});

/** The context without the spec, which a test checks on its own. */
const withoutSpec = ({ spec: _spec, ...rest }: StackContext): StackContext => rest;

describe("stackContextFromEnvironment", () => {
    it("reads the stack and the upgrade evidence as the Pulumi CLI passes them", () => {
        const database = { engineVersion: "15.4", upgradeEvidence: { version: "15.4", stack: "staging", report: "r.json" } };
        const context = stackContextFromEnvironment({
            PULUMI_STACK: "prod",
            PULUMI_CONFIG: JSON.stringify({ "resilience:environment": "production", "resilience:database": JSON.stringify(database), "aws:region": "eu-central-1" }),
        }, "/");
        assert.deepEqual(withoutSpec(context), { stack: "prod", environment: "production", engineVersion: "15.4", upgradeEvidence: database.upgradeEvidence });
        assert.equal(context.spec?.environment, "production");
        assert.equal(context.spec?.database.engineVersion, "15.4");
    });

    it("falls back to PULUMI_NODEJS_STACK and tolerates missing config", () => {
        assert.deepEqual(withoutSpec(stackContextFromEnvironment({ PULUMI_NODEJS_STACK: "staging" }, "/")), { stack: "staging" });
        assert.deepEqual(withoutSpec(stackContextFromEnvironment({ PULUMI_CONFIG: "not json" }, "/")), { stack: undefined });
    });
});

describe("projectRootAbove", () => {
    it("finds the folder with Pulumi.yaml above the pack's folder, as the CLI starts it", () => {
        assert.equal(projectRootAbove(path.join(__dirname, "..")), path.join(__dirname, "..", "..", ".."));
        assert.equal(projectRootAbove("/"), undefined);
    });
});

describe("stackContextFromConfig", () => {
    it("reads parsed objects as a stack file holds them", () => {
        const context = stackContextFromConfig("staging", { "resilience:database": { engineVersion: "15.4", upgradeEvidence: null } });
        assert.deepEqual(withoutSpec(context), { stack: "staging", engineVersion: "15.4" });
    });

    it("leaves the spec out when the config is invalid (the program reports it)", () => {
        assert.equal(stackContextFromConfig("staging", { "resilience:database": { storageGb: 0 } }).spec, undefined);
    });
});
