/** Pulumi.local.yaml: LocalCluster realizes it on this machine, so the program declares nothing and says so. */
import * as pulumi from "@pulumi/pulumi";
import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { runProgram } from "./harness";

describe("Pulumi.local.yaml", () => {
    it("declares no resources and explains why", async () => {
        const run = await runProgram("local");
        assert.deepEqual(run.resources, []);
        assert.equal(run.outputs.platform, "local");
        assert.deepEqual(run.outputs.cells, {});
        assert.match(String(run.outputs.note), /LocalCluster/);
    });
});

describe("an invalid stack file", () => {
    it("stops the program with one line naming the file and the key", async () => {
        await assert.rejects(runProgram(join(__dirname, "data", "Pulumi.invalid-size.yaml")), (error: Error) => {
            assert.ok(pulumi.RunError.isInstance(error), "a RunError: Pulumi prints its message without a stack trace");
            assert.equal(error.message, "Pulumi.invalid-size.yaml: resilience:replicaGroups[0].size: min 3 > desired 2");
            return true;
        });
    });
});
