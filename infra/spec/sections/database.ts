import { DATABASE_DEFAULTS } from "../defaults";
import type { DatabaseSpec, Platform, UpgradeEvidence } from "../model";
import { fail } from "../errors";
import { Fields, between, engineVersion, identifier, isAbsent, kmsKeyArn, nonEmpty, readVersion, startsWith } from "../read";
import type { Rule } from "../read";
import { MIN_WINDOW_MINUTES, firstOverlap, parseBackupWindow, parseMaintenanceWindow, showMinute } from "../windows";
import type { WeeklyWindow } from "../windows";

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
        kmsKeyId: f.nullableString("kmsKeyId", nonEmpty, startsWith("arn:"), kmsKeyArn),
        databaseName: f.string("databaseName", DATABASE_DEFAULTS.databaseName, ...identifier),
        masterUsername: f.string("masterUsername", DATABASE_DEFAULTS.masterUsername, ...identifier),
        upgradeEvidence: readUpgradeEvidence(f.at("upgradeEvidence"), f.value("upgradeEvidence")),
        maintenanceWindow: f.string("maintenanceWindow", DATABASE_DEFAULTS.maintenanceWindow, windowRule(parseMaintenanceWindow, "ddd:hh24:mi-ddd:hh24:mi (UTC, e.g. sun:22:00-sun:22:30)")),
        backupWindow: f.string("backupWindow", DATABASE_DEFAULTS.backupWindow, windowRule(parseBackupWindow, "hh24:mi-hh24:mi (UTC, e.g. 01:00-01:30)")),
    };
    f.end();
    const overlap = firstOverlap(
        parseBackupWindow(database.backupWindow) as WeeklyWindow,
        parseMaintenanceWindow(database.maintenanceWindow) as WeeklyWindow,
    );
    if (overlap !== undefined) {
        fail(f.at("backupWindow"), `${database.backupWindow} overlaps maintenanceWindow ${database.maintenanceWindow} at ${showMinute(overlap)} (AWS refuses that)`);
    }
    return database;
}

/** A window in its format, at least {@link MIN_WINDOW_MINUTES} long. */
function windowRule(parse: (text: string) => WeeklyWindow | undefined, format: string): Rule<string> {
    return (v) => {
        const window = parse(v);
        if (window === undefined) {
            return `must be ${format}, got "${v}"`;
        }
        return window.minutes < MIN_WINDOW_MINUTES ? `must be at least ${MIN_WINDOW_MINUTES} minutes long, got ${window.minutes} in "${v}"` : undefined;
    };
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
