import { COUNT_TARGETS, RECOVERY_TARGET_DEFAULTS } from "../defaults";
import type { DatabaseSpec, RecoveryTargets } from "../model";
import { Fields, atLeast } from "../read";

const PATH = "resilience:recoveryTargets";
const FIELDS = Object.keys(RECOVERY_TARGET_DEFAULTS) as (keyof RecoveryTargets)[];

export function readRecoveryTargets(raw: unknown, database: DatabaseSpec): RecoveryTargets {
    const f = Fields.of(PATH, raw, FIELDS);
    const targets: Partial<Record<keyof RecoveryTargets, number>> = {};
    for (const key of FIELDS) {
        const fallback = RECOVERY_TARGET_DEFAULTS[key];
        const rules = [atLeast(0)];
        if (key === "lostWrites" && database.synchronousReplication) {
            // With synchronous replication an acknowledged write is on two nodes: losing one is a defect.
            rules.push((v) => (v === 0 ? undefined : `must be 0 when resilience:database.synchronousReplication is true, got ${v}`));
        }
        targets[key] = COUNT_TARGETS.includes(key) ? f.integer(key, fallback, ...rules) : f.number(key, fallback, ...rules);
    }
    return targets as RecoveryTargets;
}
