import { COUNT_TARGETS, RECOVERY_TARGET_DEFAULTS } from "../defaults";
import { fail } from "../errors";
import { SCENARIOS } from "../model";
import type { DatabaseSpec, RecoveryTargets, Scenario } from "../model";
import { Fields, atLeast, oneOf } from "../read";

const PATH = "resilience:recoveryTargets";
const KEYS = Object.keys(RECOVERY_TARGET_DEFAULTS) as (keyof RecoveryTargets)[];

/**
 * Recovery targets at `path`, absent keys taken from `fallback`: the section itself (defaults) and
 * each `resilience:gameday.targets` entry (the stack-wide targets) are read here, so the value rules
 * have one home (src/Topology/Internal/Sections/RecoveryTargets.cs does the same).
 */
export function readRecoveryTargets(
    raw: unknown,
    database: DatabaseSpec,
    path: string = PATH,
    fallback: RecoveryTargets = RECOVERY_TARGET_DEFAULTS,
): RecoveryTargets {
    const f = Fields.of(path, raw);
    const targets: Partial<Record<keyof RecoveryTargets, number>> = {};
    for (const key of KEYS) {
        targets[key] = COUNT_TARGETS.includes(key) ? f.integer(key, fallback[key], atLeast(0)) : f.number(key, fallback[key], atLeast(0));
    }
    f.end();
    // With synchronous replication an acknowledged write is on two nodes: losing one is a defect.
    if (database.synchronousReplication && targets.lostWrites !== 0) {
        fail(f.at("lostWrites"), `must be 0 when resilience:database.synchronousReplication is true, got ${targets.lostWrites}`);
    }
    return targets as RecoveryTargets;
}

/**
 * `resilience:gameday.targets`: scenario name -> overrides of the stack-wide targets, in the order
 * written. A name must be a known scenario but need not be in `scenarios` (a stack may keep targets
 * for scenarios it runs only from the CLI); an entry written as null overrides nothing.
 */
export function readScenarioTargets(
    path: string,
    raw: unknown,
    database: DatabaseSpec,
    stackWide: RecoveryTargets,
): Readonly<Partial<Record<Scenario, RecoveryTargets>>> {
    const f = Fields.of(path, raw);
    const byScenario: Partial<Record<Scenario, RecoveryTargets>> = {};
    for (const name of f.keys()) {
        const problem = oneOf(SCENARIOS)(name);
        if (problem !== undefined) {
            fail(f.at(name), problem);
        }
        const value = f.value(name);
        if (value !== undefined) {
            byScenario[name as Scenario] = readRecoveryTargets(value, database, f.at(name), stackWide);
        }
    }
    f.end();
    return byScenario;
}
