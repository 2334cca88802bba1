import { DATABASE_DEFAULTS } from "../defaults";
import type { DatabaseSpec, Platform, UpgradeEvidence } from "../model";
import { Fields, between, engineVersion, identifier, isAbsent, nonEmpty, readVersion, startsWith } from "../read";

const PATH = "resilience:database";

export function readDatabase(raw: unknown, platform: Platform): DatabaseSpec {
    const f = Fields.of(PATH, raw);
    const instanceClassRules = platform === "aws" ? [nonEmpty, startsWith("db.")] : [nonEmpty];
    const database: DatabaseSpec = {
        engineVersion: f.version("engineVersion", DATABASE_DEFAULTS.engineVersion, ...engineVersion),
        instanceClass: f.string("instanceClass", DATABASE_DEFAULTS.instanceClass, ...instanceClassRules),
        storageGb: f.integer("storageGb", DATABASE_DEFAULTS.storageGb, between(1, 65536)),
        synchronousReplication: f.boolean("synchronousReplication", DATABASE_DEFAULTS.synchronousReplication),
        backupRetentionDays: f.integer("backupRetentionDays", DATABASE_DEFAULTS.backupRetentionDays, between(1, 35)),
        deletionProtection: f.boolean("deletionProtection", DATABASE_DEFAULTS.deletionProtection),
        allowMajorVersionUpgrade: f.boolean("allowMajorVersionUpgrade", DATABASE_DEFAULTS.allowMajorVersionUpgrade),
        kmsKeyId: f.nullableString("kmsKeyId", nonEmpty, startsWith("arn:")),
        databaseName: f.string("databaseName", DATABASE_DEFAULTS.databaseName, ...identifier),
        masterUsername: f.string("masterUsername", DATABASE_DEFAULTS.masterUsername, ...identifier),
        upgradeEvidence: readUpgradeEvidence(f.at("upgradeEvidence"), f.value("upgradeEvidence")),
    };
    f.end();
    return database;
}

function readUpgradeEvidence(path: string, raw: unknown): UpgradeEvidence | null {
    if (isAbsent(raw)) {
        return null;
    }
    const f = Fields.of(path, raw);
    const evidence: UpgradeEvidence = {
        version: readVersion(f.at("version"), f.value("version"), ...engineVersion),
        stack: f.requiredString("stack", nonEmpty),
        report: f.requiredString("report", nonEmpty),
    };
    f.end();
    return evidence;
}
