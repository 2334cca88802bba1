/** Assembles the whole spec from a source, section by section in document order. */
import { DEFAULT_ENVIRONMENT, DEFAULT_PLATFORM, GAMEDAY_RUN_MINUTES } from "./defaults";
import { fail } from "./errors";
import { ENVIRONMENTS, PLATFORMS, SECTIONS } from "./model";
import type { DatabaseSpec, Environment, GamedaySpec, Platform, Section, StackSpec } from "./model";
import { SECRET_NOT_ALLOWED, oneOf, readString } from "./read";
import { containsSecureMarker } from "./secret";
import { readAlarms } from "./sections/alarms";
import { readAws } from "./sections/aws";
import { readBackup } from "./sections/backup";
import { readCells } from "./sections/cells";
import { readDatabase } from "./sections/database";
import { readEndpoints } from "./sections/endpoints";
import { readGameday } from "./sections/gameday";
import { readKubernetes } from "./sections/kubernetes";
import { readLocal } from "./sections/local";
import { readNotifications } from "./sections/notifications";
import { readRecoveryTargets } from "./sections/recoveryTargets";
import { readReplicaGroups } from "./sections/replicaGroups";
import { NAMESPACE } from "./source";
import type { SpecSource } from "./source";
import { firstOverlap, gamedayWindow, parseBackupWindow, parseMaintenanceWindow, showMinute } from "./windows";
import type { WeeklyWindow } from "./windows";

/**
 * Reads and validates every `resilience:*` key. Errors are looked for in this order, so that both
 * readers name the same first offending key: unknown keys (in the order written), then the sections
 * in document order; inside an object its fields in the order of the doc's tables (nested objects
 * included), then its unknown fields, then its cross-field rules; inside a list its items in order,
 * then duplicate names. Rules that need a later section (a cloud stack's game-day image) come last.
 */
export function readSpec(source: SpecSource): StackSpec {
    for (const key of source.keys()) {
        if (!(SECTIONS as readonly string[]).includes(key)) {
            fail(`${NAMESPACE}:${key}`, `unknown key (expected one of: ${SECTIONS.map((s) => `${NAMESPACE}:${s}`).join(", ")})`);
        }
    }
    const raw = (section: Section): unknown => {
        const value = source.value(section);
        // A secret key with no `{ secure: ... }` inside holds clear text the engine decrypted; only
        // notifications may be such a key. Markers inside are reported where they are, below.
        if (section !== "notifications" && source.isSecret(section) && !containsSecureMarker(value)) {
            fail(`${NAMESPACE}:${section}`, SECRET_NOT_ALLOWED);
        }
        return value;
    };
    const notificationsDecrypted = (): boolean =>
        source.isSecret("notifications") && !containsSecureMarker(source.value("notifications"));

    const platform = readString(`${NAMESPACE}:platform`, raw("platform"), DEFAULT_PLATFORM, oneOf(PLATFORMS)) as Platform;
    const environment = readString(`${NAMESPACE}:environment`, raw("environment"), DEFAULT_ENVIRONMENT, oneOf(ENVIRONMENTS)) as Environment;
    const database = readDatabase(raw("database"), platform);
    const replicaGroups = readReplicaGroups(raw("replicaGroups"), database);
    const endpoints = readEndpoints(raw("endpoints"));
    const alarms = readAlarms(raw("alarms"), platform);
    const recoveryTargets = readRecoveryTargets(raw("recoveryTargets"), database);
    const cells = readCells(raw("cells"), database);
    const gameday = readGameday(raw("gameday"), database, recoveryTargets);
    rejectWindowsDuringGameday(platform, database, gameday);
    const backup = readBackup(raw("backup"), platform);
    const notifications = readNotifications(raw("notifications"), notificationsDecrypted());
    const local = readLocal(raw("local"));
    const aws = readAws(raw("aws"), platform);
    const kubernetes = readKubernetes(raw("kubernetes"));
    requireGamedayImageOnCloud(platform, gameday);
    return deepFreeze({
        platform,
        environment,
        database,
        replicaGroups,
        endpoints,
        alarms,
        recoveryTargets,
        cells,
        gameday,
        backup,
        notifications,
        local,
        aws,
        kubernetes,
    });
}

/**
 * A window AWS (or the backup schedule on Kubernetes) uses must not overlap a game-day run, or a
 * patch, reboot or snapshot lands in the middle of a measurement. Checked once the schedule is
 * read; reported at the window. LocalCluster has neither window.
 */
function rejectWindowsDuringGameday(platform: Platform, database: DatabaseSpec, gameday: GamedaySpec): void {
    if (platform === "local") {
        return;
    }
    const runs = gamedayWindow(gameday.schedule);
    const windows: [string, string, WeeklyWindow][] = [
        ["maintenanceWindow", database.maintenanceWindow, parseMaintenanceWindow(database.maintenanceWindow) as WeeklyWindow],
        ["backupWindow", database.backupWindow, parseBackupWindow(database.backupWindow) as WeeklyWindow],
    ];
    for (const [key, text, window] of windows) {
        const overlap = firstOverlap(window, runs);
        if (overlap !== undefined) {
            fail(
                `${NAMESPACE}:database.${key}`,
                `${text} overlaps the game-day at ${showMinute(overlap)} (resilience:gameday.schedule "${gameday.schedule}", ` +
                    `each run allowed ${GAMEDAY_RUN_MINUTES} minutes); move the window or the schedule`,
            );
        }
    }
}

/**
 * A cloud stack's game-day runs on its schedule from a container image (an ECS task on aws, a
 * CronJob on kubernetes), so the image must be named. Checked after every section, so that a file
 * with another mistake is reported at that mistake first (the C# reader checks in the same place).
 */
function requireGamedayImageOnCloud(platform: Platform, gameday: GamedaySpec): void {
    if (platform !== "local" && gameday.image === null) {
        fail(
            `${NAMESPACE}:gameday.image`,
            `is required on platform ${platform}: the scheduled game-day runs this image; set the reference ` +
                ".github/workflows/chaos-image.yml pushed (e.g. ghcr.io/<owner>/<repo>/chaos@sha256:<digest>)",
        );
    }
}

function deepFreeze<T>(value: T): T {
    if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const child of Object.values(value)) {
            deepFreeze(child);
        }
    }
    return value;
}
