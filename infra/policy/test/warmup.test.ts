import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { stackContextFromConfig } from "../stack-context";
import { warmupGateBounded } from "../warmup";
import { auroraStack } from "./fixtures";
import { stackViolations } from "./validation-args";

/** The context the pack builds for a stack file whose one group has this warm-up policy. */
const withWarmup = (warmup: Record<string, unknown>) =>
    stackContextFromConfig("prod", {
        "resilience:platform": "kubernetes",
        "resilience:gameday": { image: "ghcr.io/example/resilience/chaos:1.4.0" },
        "resilience:database": { instanceClass: "medium" },
        "resilience:replicaGroups": [{ name: "readers", warmup }],
    });

describe("warmup-gate-bounded", () => {
    it("passes the documented defaults and a strict policy", async () => {
        assert.deepEqual(await stackViolations(warmupGateBounded(withWarmup({})), auroraStack()), []);
        assert.deepEqual(await stackViolations(warmupGateBounded(withWarmup({ minWarmSeconds: 300, maxReplayLagSeconds: 0.5 })), auroraStack()), []);
    });

    it("reports a neutered gate: no warm time, an hour of lag", async () => {
        const violations = await stackViolations(warmupGateBounded(withWarmup({ minWarmSeconds: 0, maxReplayLagSeconds: 3600 })), auroraStack());
        assert.deepEqual(violations.map((v) => v.message), [
            `resilience:replicaGroups "readers" warmup.minWarmSeconds is 0; the gate would open as soon as a replica streams. It must be at least 10.`,
            `resilience:replicaGroups "readers" warmup.maxReplayLagSeconds is 3600; a replica that far behind serves stale reads as warm. It must be at most 30.`,
        ]);
    });

    it("reports a lag grace that keeps a lagging replica in for minutes", async () => {
        const violations = await stackViolations(warmupGateBounded(withWarmup({ lagGraceSeconds: 600 })), auroraStack());
        assert.equal(violations.length, 1);
        assert.match(violations[0].message, /lagGraceSeconds is 600/);
    });

    it("leaves LocalCluster stacks alone (their game-days warm up in seconds on purpose)", async () => {
        const local = stackContextFromConfig("local", { "resilience:replicaGroups": [{ name: "readers", warmup: { minWarmSeconds: 0 } }] });
        assert.deepEqual(await stackViolations(warmupGateBounded(local), auroraStack()), []);
    });

    it("takes its bounds from the policy config", async () => {
        const context = withWarmup({ minWarmSeconds: 5 });
        assert.deepEqual(await stackViolations(warmupGateBounded(context), auroraStack(), { minMinWarmSeconds: 5 }), []);
    });
});
