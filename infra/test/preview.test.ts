/** `pulumi preview` runs the same program with dry-run set: it must declare the same resources. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runProgram } from "./harness";

describe("preview", () => {
    for (const stack of ["staging", "prod", "k8s-staging", "local"]) {
        it(`Pulumi.${stack}.yaml declares the same resources in a preview as in an update`, async () => {
            const update = await runProgram(stack);
            const preview = await runProgram(stack, { preview: true });
            assert.deepEqual(
                preview.resources.map((r) => r.urn).sort(),
                update.resources.map((r) => r.urn).sort(),
            );
        });
    }
});
