import { DEFAULT_SCENARIOS, DEFAULT_SCHEDULE } from "../defaults";
import { SCENARIOS } from "../model";
import type { DatabaseSpec, GamedaySpec, RecoveryTargets, Scenario } from "../model";
import { Fields, oneOf, show } from "../read";
import type { Rule } from "../read";
import { readScenarioTargets } from "./recoveryTargets";

const PATH = "resilience:gameday";

export function readGameday(raw: unknown, database: DatabaseSpec, stackWide: RecoveryTargets): GamedaySpec {
    const f = Fields.of(PATH, raw);
    const gameday: GamedaySpec = {
        scenarios: f.stringList("scenarios", DEFAULT_SCENARIOS, { minItems: 1, unique: true, rules: [oneOf(SCENARIOS)] }) as readonly Scenario[],
        schedule: f.string("schedule", DEFAULT_SCHEDULE, cronExpression),
        image: f.nullableString("image", imageReference),
        targets: readScenarioTargets(f.at("targets"), f.value("targets"), database, stackWide),
    };
    f.end();
    return gameday;
}

/**
 * A container image reference the schedulers can pull: `registry/path`, then a tag, a digest or both
 * (OCI distribution's grammar, lowercase repository). Without either, every platform would pull a
 * moving `latest` silently.
 */
export const IMAGE_REFERENCE =
    /^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]+)?(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)+(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[a-f0-9]{64})?$/;

export const imageReference: Rule<string> = (image) =>
    IMAGE_REFERENCE.test(image) && (/@sha256:/.test(image) || /:[^/]+$/.test(image))
        ? undefined
        : `must be an image reference with a tag or a digest (registry/name:tag or registry/name@sha256:<64 hex>), got ${show(image)}`;

/** True when the image is pinned by content (`@sha256:`), not by a tag someone can move. */
export function pinnedByDigest(image: string): boolean {
    return /@sha256:[a-f0-9]{64}$/.test(image);
}

const CRON_FIELDS = [
    { name: "minute", min: 0, max: 59 },
    { name: "hour", min: 0, max: 23 },
    { name: "day-of-month", min: 1, max: 31 },
    { name: "month", min: 1, max: 12 },
    { name: "day-of-week", min: 0, max: 7 },
] as const;

/** Five fields of `*`, numbers, ranges `a-b`, lists `a,b` and steps `*\/n`. */
export const cronExpression: Rule<string> = (expression) => {
    const parts = expression.trim().split(/\s+/);
    if (parts.length !== CRON_FIELDS.length) {
        return `must be a five-field cron expression (minute hour day-of-month month day-of-week), got ${show(expression)}`;
    }
    for (const [index, field] of CRON_FIELDS.entries()) {
        const problem = cronFieldProblem(parts[index] ?? "", field.min, field.max);
        if (problem !== undefined) {
            return `must be a five-field cron expression: ${field.name} ${show(parts[index])} ${problem}, got ${show(expression)}`;
        }
    }
    return undefined;
};

function cronFieldProblem(text: string, min: number, max: number): string | undefined {
    for (const item of text.split(",")) {
        if (item === "*") {
            continue;
        }
        const step = /^\*\/([0-9]+)$/.exec(item);
        if (step !== null) {
            if (Number(step[1]) < 1) {
                return "has a step below 1";
            }
            continue;
        }
        const range = /^([0-9]+)(?:-([0-9]+))?$/.exec(item);
        if (range === null) {
            return "is not *, a number, a range a-b, a list a,b or a step */n";
        }
        const from = Number(range[1]);
        const to = range[2] === undefined ? from : Number(range[2]);
        if (from < min || to > max || from > to) {
            return `is outside ${min}-${max}`;
        }
    }
    return undefined;
}
