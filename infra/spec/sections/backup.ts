import { BACKUP_DEFAULTS } from "../defaults";
import type { BackupSpec } from "../model";
import { Fields, above, atLeast } from "../read";
import { cronExpression } from "./gameday";

const PATH = "resilience:backup";

/** `resilience:backup`: full backups' schedule and retention, and the restore drills' targets. */
export function readBackup(raw: unknown): BackupSpec {
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
    return { schedule, retentionFullBackups, targets };
}
