import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { defaultEnforcementLevel, isProductionStack, stackContextFromConfig, stackContextFromEnvironment } from "../stack-context";

describe("isProductionStack", () => {
    it("recognizes production names", () => {
        for (const name of ["prod", "production", "prod-eu", "eu.production", "acme/resilience/prod", "PROD"]) {
            assert.equal(isProductionStack(name), true, name);
        }
    });

    it("does not mistake other names", () => {
        for (const name of ["staging", "k8s-staging", "local", "product", "preprod", undefined]) {
            assert.equal(isProductionStack(name), false, String(name));
        }
    });
});

describe("defaultEnforcementLevel", () => {
    it("is mandatory in production and advisory elsewhere", () => {
        assert.equal(defaultEnforcementLevel({ stack: "prod" }), "mandatory");
        assert.equal(defaultEnforcementLevel({ stack: "staging" }), "advisory");
        assert.equal(defaultEnforcementLevel({}), "advisory");
    });
});

describe("stackContextFromEnvironment", () => {
    it("reads the stack and the upgrade evidence as the Pulumi CLI passes them", () => {
        const database = { engineVersion: "15.4", upgradeEvidence: { version: "15.4", stack: "staging", report: "r.json" } };
        const context = stackContextFromEnvironment({
            PULUMI_STACK: "prod",
            PULUMI_CONFIG: JSON.stringify({ "resilience:database": JSON.stringify(database), "aws:region": "eu-central-1" }),
        });
        assert.deepEqual(context, { stack: "prod", engineVersion: "15.4", upgradeEvidence: database.upgradeEvidence });
    });

    it("falls back to PULUMI_NODEJS_STACK and tolerates missing config", () => {
        assert.deepEqual(stackContextFromEnvironment({ PULUMI_NODEJS_STACK: "staging" }), { stack: "staging" });
        assert.deepEqual(stackContextFromEnvironment({ PULUMI_CONFIG: "not json" }), { stack: undefined });
    });
});

describe("stackContextFromConfig", () => {
    it("reads parsed objects as a stack file holds them", () => {
        const context = stackContextFromConfig("staging", { "resilience:database": { engineVersion: "15.4", upgradeEvidence: null } });
        assert.deepEqual(context, { stack: "staging", engineVersion: "15.4" });
    });
});
