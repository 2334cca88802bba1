import { AUTOSCALING_DEFAULTS, DEFAULT_GROUP_NAME, DEFAULT_PROMOTION_TIER, MAX_GROUP_SIZE, SIZE_DEFAULTS, WARMUP_DEFAULTS } from "../defaults";
import { fail } from "../errors";
import type { AutoscalingSpec, DatabaseSpec, GroupSize, ReplicaGroupSpec, WarmupPolicy } from "../model";
import {
    Fields,
    above,
    atLeast,
    atMost,
    between,
    identifier,
    matches,
    maxLength,
    nonEmpty,
    readList,
    readNullable,
    readRequiredString,
    resourceName,
    show,
} from "../read";

const PATH = "resilience:replicaGroups";
const FIELDS = ["name", "size", "instanceClass", "promotionTier", "autoscaling", "warmup"] as const;

export function readReplicaGroups(raw: unknown, database: DatabaseSpec): readonly ReplicaGroupSpec[] {
    const names: string[] = [];
    const fallback = [defaultGroup(database)];
    return readList(
        PATH,
        raw,
        fallback,
        (path, item) => {
            const group = readGroup(path, item, database, names);
            names.push(group.name);
            return group;
        },
        1,
    );
}

function defaultGroup(database: DatabaseSpec): ReplicaGroupSpec {
    return {
        name: DEFAULT_GROUP_NAME,
        size: { ...SIZE_DEFAULTS },
        instanceClass: database.instanceClass,
        promotionTier: DEFAULT_PROMOTION_TIER,
        autoscaling: null,
        warmup: WARMUP_DEFAULTS,
    };
}

function readGroup(path: string, raw: unknown, database: DatabaseSpec, earlierNames: readonly string[]): ReplicaGroupSpec {
    const f = Fields.of(path, raw, FIELDS);
    const name = f.requiredString("name", resourceName, maxLength(32), (v) =>
        earlierNames.includes(v) ? `duplicate group name ${show(v)}` : undefined,
    );
    return {
        name,
        size: readSize(f.at("size"), f.value("size")),
        instanceClass: f.string("instanceClass", database.instanceClass, nonEmpty),
        promotionTier: f.integer("promotionTier", DEFAULT_PROMOTION_TIER, between(0, 15)),
        autoscaling: readNullable(f.value("autoscaling"), (v) => readAutoscaling(f.at("autoscaling"), v)),
        warmup: readWarmup(f.at("warmup"), f.value("warmup")),
    };
}

/** The cross-field rules are reported on `size` itself: `min 3 > desired 2`. */
function readSize(path: string, raw: unknown): GroupSize {
    const f = Fields.of(path, raw, ["min", "desired", "max"]);
    const min = f.integer("min", SIZE_DEFAULTS.min, atLeast(0));
    const desired = f.integer("desired", SIZE_DEFAULTS.desired);
    if (min > desired) {
        fail(path, `min ${min} > desired ${desired}`);
    }
    const max = f.integer("max", SIZE_DEFAULTS.max);
    if (desired > max) {
        fail(path, `desired ${desired} > max ${max}`);
    }
    atMostOrFail(f.at("max"), max, MAX_GROUP_SIZE);
    return { min, desired, max };
}

function atMostOrFail(path: string, value: number, limit: number): void {
    const what = atMost(limit)(value);
    if (what !== undefined) {
        fail(path, what);
    }
}

function readAutoscaling(path: string, raw: unknown): AutoscalingSpec {
    const f = Fields.of(path, raw, ["targetCpuPercent", "sustainSeconds", "scaleInCooldownSeconds"]);
    return {
        targetCpuPercent: f.number("targetCpuPercent", AUTOSCALING_DEFAULTS.targetCpuPercent, above(0), atMost(100)),
        sustainSeconds: f.integer("sustainSeconds", AUTOSCALING_DEFAULTS.sustainSeconds, atLeast(1)),
        scaleInCooldownSeconds: f.integer("scaleInCooldownSeconds", AUTOSCALING_DEFAULTS.scaleInCooldownSeconds, atLeast(0)),
    };
}

const WARMUP_FIELDS = [
    "relations",
    "databases",
    "fullStorageRead",
    "maxReplayLagSeconds",
    "minWarmSeconds",
    "lagGraceSeconds",
    "ioRateMbPerSecond",
] as const;

const qualifiedTable = matches(/^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/, "a schema.table name");

function readWarmup(path: string, raw: unknown): WarmupPolicy {
    const f = Fields.of(path, raw, WARMUP_FIELDS);
    return {
        relations: readRelations(f.at("relations"), f.value("relations")),
        databases: f.stringList("databases", WARMUP_DEFAULTS.databases, { minItems: 1, rules: identifier }),
        fullStorageRead: f.boolean("fullStorageRead", WARMUP_DEFAULTS.fullStorageRead),
        maxReplayLagSeconds: f.number("maxReplayLagSeconds", WARMUP_DEFAULTS.maxReplayLagSeconds, above(0)),
        minWarmSeconds: f.number("minWarmSeconds", WARMUP_DEFAULTS.minWarmSeconds, atLeast(0)),
        lagGraceSeconds: f.number("lagGraceSeconds", WARMUP_DEFAULTS.lagGraceSeconds, atLeast(0)),
        ioRateMbPerSecond: f.number("ioRateMbPerSecond", WARMUP_DEFAULTS.ioRateMbPerSecond, atLeast(0)),
    };
}

function readRelations(path: string, raw: unknown): "all" | readonly string[] {
    if (raw === undefined || raw === "all") {
        return "all";
    }
    if (typeof raw === "string") {
        fail(path, `must be "all" or a list of schema.table names, got ${show(raw)}`);
    }
    return readList(path, raw, [], (itemPath, item) => readRequiredString(itemPath, item, qualifiedTable), 1);
}
