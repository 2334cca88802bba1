import { DATABASE_DEFAULTS } from "../defaults";
import type { DatabaseSpec, Platform, UpgradeEvidence } from "../model";
import { Fields, between, engineVersion, identifier, nonEmpty, readNullable, startsWith } from "../read";

const PATH = "resilience:database";
const FIELDS = [
    "engineVersion",
    "instanceClass",
    "storageGb",
    "synchronousReplication",
    "backupRetentionDays",
    "deletionProtection",
    "allowMajorVersionUpgrade",
    "kmsKeyId",
    "databaseName",
    "masterUsername",
    "upgradeEvidence",
] as const;

export function readDatabase(raw: unknown, platform: Platform): DatabaseSpec {
    const f = Fields.of(PATH, raw, FIELDS);
    const instanceClassRules = platform === "aws" ? [nonEmpty, startsWith("db.")] : [nonEmpty];
    return {
        engineVersion: f.string("engineVersion", DATABASE_DEFAULTS.engineVersion, ...engineVersion),
        instanceClass: f.string("instanceClass", DATABASE_DEFAULTS.instanceClass, ...instanceClassRules),
        storageGb: f.integer("storageGb", DATABASE_DEFAULTS.storageGb, between(1, 65536)),
        synchronousReplication: f.boolean("synchronousReplication", DATABASE_DEFAULTS.synchronousReplication),
        backupRetentionDays: f.integer("backupRetentionDays", DATABASE_DEFAULTS.backupRetentionDays, between(1, 35)),
        deletionProtection: f.boolean("deletionProtection", DATABASE_DEFAULTS.deletionProtection),
        allowMajorVersionUpgrade: f.boolean("allowMajorVersionUpgrade", DATABASE_DEFAULTS.allowMajorVersionUpgrade),
        kmsKeyId: f.nullableString("kmsKeyId", startsWith("arn:")),
        databaseName: f.string("databaseName", DATABASE_DEFAULTS.databaseName, ...identifier),
        masterUsername: f.string("masterUsername", DATABASE_DEFAULTS.masterUsername, ...identifier),
        upgradeEvidence: readNullable(f.value("upgradeEvidence"), (v) => readUpgradeEvidence(f.at("upgradeEvidence"), v)),
    };
}

function readUpgradeEvidence(path: string, raw: unknown): UpgradeEvidence {
    const f = Fields.of(path, raw, ["version", "stack", "report"]);
    return {
        version: f.requiredString("version", ...engineVersion),
        stack: f.requiredString("stack", nonEmpty),
        report: f.requiredString("report", nonEmpty),
    };
}
