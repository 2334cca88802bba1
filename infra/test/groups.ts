/** Replica groups for unit tests, with the documented defaults for whatever a test does not set. */
import type { ReplicaGroupSpec } from "../config";
import { WARMUP_DEFAULTS } from "../spec/defaults";

export function group(name: string, overrides: Partial<Omit<ReplicaGroupSpec, "name">> = {}): ReplicaGroupSpec {
    return {
        name,
        size: { min: 1, desired: 2, max: 3 },
        instanceClass: "db.r6g.large",
        promotionTier: 1,
        autoscaling: null,
        warmup: WARMUP_DEFAULTS,
        ...overrides,
    };
}
