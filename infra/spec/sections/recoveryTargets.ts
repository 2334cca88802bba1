import { COUNT_TARGETS, RECOVERY_TARGET_DEFAULTS } from "../defaults";
import { fail } from "../errors";
import type { DatabaseSpec, RecoveryTargets } from "../model";
import { Fields, atLeast } from "../read";

const PATH = "resilience:recoveryTargets";
const KEYS = Object.keys(RECOVERY_TARGET_DEFAULTS) as (keyof RecoveryTargets)[];

export function readRecoveryTargets(raw: unknown, database: DatabaseSpec): RecoveryTargets {
    const f = Fields.of(PATH, raw);
    const targets: Partial<Record<keyof RecoveryTargets, number>> = {};
    for (const key of KEYS) {
        const fallback = RECOVERY_TARGET_DEFAULTS[key];
        targets[key] = COUNT_TARGETS.includes(key) ? f.integer(key, fallback, atLeast(0)) : f.number(key, fallback, atLeast(0));
    }
    f.end();
    // With synchronous replication an acknowledged write is on two nodes: losing one is a defect.
    if (database.synchronousReplication && targets.lostWrites !== 0) {
        fail(f.at("lostWrites"), `must be 0 when resilience:database.synchronousReplication is true, got ${targets.lostWrites}`);
    }
    return targets as RecoveryTargets;
}
