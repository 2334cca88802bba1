import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { gamedayImagePinned } from "../gameday";
import { stackContextFromConfig } from "../stack-context";
import { auroraStack } from "./fixtures";
import { stackViolations } from "./validation-args";

const AWS = { vpcId: "vpc-0a1b2c3d4e5f60718", subnetIds: ["subnet-0aaa1111bbbb2222c", "subnet-0ddd3333eeee4444f"], availabilityZones: ["eu-central-1a", "eu-central-1b"] };
const DIGEST = `ghcr.io/example/resilience/chaos@sha256:${"3b".repeat(32)}`;

/** The context the pack builds for an aws stack file with this environment and game-day image. */
const stackWith = (environment: string, image: string) =>
    stackContextFromConfig("prod", {
        "resilience:platform": "aws",
        "resilience:environment": environment,
        "resilience:gameday": { image },
        "resilience:aws": AWS,
    });

describe("gameday-image-pinned-by-digest", () => {
    it("reports a production stack whose game-day image is a tag", async () => {
        const violations = await stackViolations(gamedayImagePinned(stackWith("production", "ghcr.io/example/resilience/chaos:latest")), auroraStack());
        assert.deepEqual(violations.map((v) => v.message), [
            "resilience:gameday.image is ghcr.io/example/resilience/chaos:latest, a tag that can be moved to another build; pin the digest " +
                ".github/workflows/chaos-image.yml printed for the build that passed on a lower stack (...@sha256:<digest>).",
        ]);
    });

    it("passes a production stack pinned by digest, and a staging stack on a tag", async () => {
        assert.deepEqual(await stackViolations(gamedayImagePinned(stackWith("production", DIGEST)), auroraStack()), []);
        assert.deepEqual(await stackViolations(gamedayImagePinned(stackWith("staging", "ghcr.io/example/resilience/chaos:latest")), auroraStack()), []);
    });
});
