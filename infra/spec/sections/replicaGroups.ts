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
    isAbsent,
    matches,
    maxLength,
    nonEmpty,
    readList,
    readRequiredString,
    rejectDuplicateNames,
    resourceName,
    show,
} from "../read";

const PATH = "resilience:replicaGroups";

export function readReplicaGroups(raw: unknown, database: DatabaseSpec): readonly ReplicaGroupSpec[] {
    const groups = readList(PATH, raw, [defaultGroup(database)], (path, item) => readGroup(path, item, database), 1);
    rejectDuplicateNames(PATH, groups.map((g) => g.name), "group");
    return groups;
}

function defaultGroup(database: DatabaseSpec): ReplicaGroupSpec {
    return {
        name: DEFAULT_GROUP_NAME,
        size: { ...SIZE_DEFAULTS },
        instanceClass: database.instanceClass,
        promotionTier: DEFAULT_PROMOTION_TIER,
        autoscaling: null,
        warmup: defaultWarmup(database),
    };
}

/**
 * The doc writes the default as `[app]`, the default database name; like the C# reader, the
 * default follows `database.databaseName`, so a renamed database is still the one warmed.
 */
function defaultWarmup(database: DatabaseSpec): WarmupPolicy {
    return { ...WARMUP_DEFAULTS, databases: [database.databaseName] };
}

function readGroup(path: string, raw: unknown, database: DatabaseSpec): ReplicaGroupSpec {
    const f = Fields.of(path, raw);
    const group: ReplicaGroupSpec = {
        name: f.requiredString("name", resourceName, maxLength(32)),
        size: readSize(f.at("size"), f.value("size")),
        instanceClass: f.string("instanceClass", database.instanceClass, nonEmpty),
        promotionTier: f.integer("promotionTier", DEFAULT_PROMOTION_TIER, between(0, 15)),
        autoscaling: readAutoscaling(f.at("autoscaling"), f.value("autoscaling")),
        warmup: readWarmup(f.at("warmup"), f.value("warmup"), database),
    };
    f.end();
    return group;
}

/** The cross-field rules are reported on `size` itself: `min 3 > desired 2`. */
function readSize(path: string, raw: unknown): GroupSize {
    const f = Fields.of(path, raw);
    const min = f.integer("min", SIZE_DEFAULTS.min, atLeast(0));
    const desired = f.integer("desired", SIZE_DEFAULTS.desired, atLeast(0));
    const max = f.integer("max", SIZE_DEFAULTS.max, atLeast(0), atMost(MAX_GROUP_SIZE));
    f.end();
    if (min > desired) {
        fail(path, `min ${min} > desired ${desired}`);
    }
    if (desired > max) {
        fail(path, `desired ${desired} > max ${max}`);
    }
    return { min, desired, max };
}

function readAutoscaling(path: string, raw: unknown): AutoscalingSpec | null {
    if (isAbsent(raw)) {
        return null;
    }
    const f = Fields.of(path, raw);
    const autoscaling: AutoscalingSpec = {
        targetCpuPercent: f.number("targetCpuPercent", AUTOSCALING_DEFAULTS.targetCpuPercent, above(0), atMost(100)),
        sustainSeconds: f.integer("sustainSeconds", AUTOSCALING_DEFAULTS.sustainSeconds, atLeast(1)),
        scaleInCooldownSeconds: f.integer("scaleInCooldownSeconds", AUTOSCALING_DEFAULTS.scaleInCooldownSeconds, atLeast(0)),
    };
    f.end();
    return autoscaling;
}

const qualifiedTable = matches(/^[a-z_][a-z0-9_]*\.[a-z_][a-z0-9_]*$/, "a schema.table name");

function readWarmup(path: string, raw: unknown, database: DatabaseSpec): WarmupPolicy {
    const defaults = defaultWarmup(database);
    const f = Fields.of(path, raw);
    const warmup: WarmupPolicy = {
        relations: readRelations(f.at("relations"), f.value("relations")),
        databases: f.stringList("databases", defaults.databases, { minItems: 1, rules: identifier }),
        fullStorageRead: f.boolean("fullStorageRead", defaults.fullStorageRead),
        maxReplayLagSeconds: f.number("maxReplayLagSeconds", defaults.maxReplayLagSeconds, above(0)),
        minWarmSeconds: f.number("minWarmSeconds", defaults.minWarmSeconds, atLeast(0)),
        lagGraceSeconds: f.number("lagGraceSeconds", defaults.lagGraceSeconds, atLeast(0)),
        ioRateMbPerSecond: f.number("ioRateMbPerSecond", defaults.ioRateMbPerSecond, atLeast(0)),
    };
    f.end();
    return warmup;
}

function readRelations(path: string, raw: unknown): "all" | readonly string[] {
    if (isAbsent(raw) || raw === "all") {
        return "all";
    }
    if (!Array.isArray(raw)) {
        fail(path, `must be "all" or a list of schema.table names, got ${show(raw)}`);
    }
    return readList(path, raw, [], (itemPath, item) => readRequiredString(itemPath, item, qualifiedTable), 1);
}
