import { BACKUP_DEFAULTS } from "../defaults";
import { fail } from "../errors";
import type { BackupSpec, Platform } from "../model";
import { Fields, above, atLeast, isAbsent } from "../read";
import { cronExpression } from "./gameday";

const PATH = "resilience:backup";

/** `resilience:backup`: full backups' schedule and retention, and the restore drills' targets. */
export function readBackup(raw: unknown, platform: Platform): BackupSpec {
    const f = Fields.of(PATH, raw);
    const schedule = f.string("schedule", BACKUP_DEFAULTS.schedule, cronExpression);
    const retentionFullBackups = f.integer("retentionFullBackups", BACKUP_DEFAULTS.retentionFullBackups, atLeast(1));
    const t = Fields.of(f.at("targets"), f.value("targets"));
    const targets = {
        restoreSeconds: t.number("restoreSeconds", BACKUP_DEFAULTS.targets.restoreSeconds, above(0)),
        recoveryPointSeconds: t.number("recoveryPointSeconds", BACKUP_DEFAULTS.targets.recoveryPointSeconds, atLeast(0)),
    };
    t.end();
    f.end();
    // One home per value: the cloud platforms take their backups' time and retention from the database
    // section (Aurora's backup window and retention days; CloudNativePG's ScheduledBackup and retention
    // policy), so pgBackRest's schedule and count here would be silently ignored there.
    if (platform !== "local") {
        for (const localOnly of ["schedule", "retentionFullBackups"]) {
            if (!isAbsent(f.value(localOnly))) {
                fail(
                    f.at(localOnly),
                    `applies to platform local only (pgBackRest); on ${platform} base backups run daily at resilience:database.backupWindow ` +
                        "and are kept resilience:database.backupRetentionDays: set those instead",
                );
            }
        }
    }
    return { schedule, retentionFullBackups, targets };
}
