// The scheduled game-day of a production stack runs the image its stack file names: a tag can be
// moved to another build between the game-day that passed on staging and the one that runs in
// production, a digest cannot. So production names its chaos image by digest.
import { StackValidationPolicy } from "@pulumi/policy";

import { pinnedByDigest } from "../spec/sections/gameday";
import { isProduction, StackContext } from "./stack-context";

/** A production cloud stack's `resilience:gameday.image` is pinned by digest (`@sha256:`). */
export function gamedayImagePinned(context: StackContext): StackValidationPolicy {
    return {
        name: "gameday-image-pinned-by-digest",
        description: "A production stack's scheduled game-day runs an image pinned by digest (resilience:gameday.image ...@sha256:<digest>).",
        severity: "high",
        validateStack: (_args, reportViolation) => {
            const image = context.spec?.gameday.image ?? null;
            if (!isProduction(context) || context.spec?.platform === "local" || image === null) {
                return;
            }
            if (!pinnedByDigest(image)) {
                reportViolation(
                    `resilience:gameday.image is ${image}, a tag that can be moved to another build; pin the digest ` +
                    `.github/workflows/chaos-image.yml printed for the build that passed on a lower stack (...@sha256:<digest>).`);
            }
        },
    };
}

/** Every game-day policy, in the order they appear in the pack. */
export function gamedayPolicies(context: StackContext): StackValidationPolicy[] {
    return [gamedayImagePinned(context)];
}
