/**
 * Maintenance and backup windows against the game-day's cron schedule, on one weekly clock of
 * minutes (UTC, Sunday 00:00 = 0). A window that overlaps a game-day run would let AWS patch,
 * reboot or snapshot the database while the chaos suite measures it, so both readers refuse it.
 * The C# reader (src/Topology/Internal/MaintenanceWindows.cs) follows the same rules.
 */
import { GAMEDAY_RUN_MINUTES } from "./defaults";

export const MINUTES_PER_DAY = 24 * 60;
export const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
/** AWS refuses maintenance and backup windows shorter than this. */
export const MIN_WINDOW_MINUTES = 30;

const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
const CLOCK = "([01][0-9]|2[0-3]):([0-5][0-9])";
const MAINTENANCE = new RegExp(`^(${DAYS.join("|")}):${CLOCK}-(${DAYS.join("|")}):${CLOCK}$`);
const BACKUP = new RegExp(`^${CLOCK}-${CLOCK}$`);

/** A window as minutes of the week: start, and length in minutes (it may wrap past Saturday). */
export interface WeeklyWindow {
    readonly starts: readonly number[];
    readonly minutes: number;
}

/** `ddd:hh24:mi-ddd:hh24:mi` (UTC), as RDS's preferredMaintenanceWindow; undefined when malformed. */
export function parseMaintenanceWindow(text: string): WeeklyWindow | undefined {
    const m = MAINTENANCE.exec(text);
    if (m === null) {
        return undefined;
    }
    const start = DAYS.indexOf(m[1] as (typeof DAYS)[number]) * MINUTES_PER_DAY + Number(m[2]) * 60 + Number(m[3]);
    const end = DAYS.indexOf(m[4] as (typeof DAYS)[number]) * MINUTES_PER_DAY + Number(m[5]) * 60 + Number(m[6]);
    return { starts: [start], minutes: (end - start + MINUTES_PER_WEEK) % MINUTES_PER_WEEK };
}

/** `hh24:mi-hh24:mi` (UTC), daily, as RDS's preferredBackupWindow; undefined when malformed. */
export function parseBackupWindow(text: string): WeeklyWindow | undefined {
    const m = BACKUP.exec(text);
    if (m === null) {
        return undefined;
    }
    const start = Number(m[1]) * 60 + Number(m[2]);
    const end = Number(m[3]) * 60 + Number(m[4]);
    return {
        starts: DAYS.map((_, day) => day * MINUTES_PER_DAY + start),
        minutes: (end - start + MINUTES_PER_DAY) % MINUTES_PER_DAY,
    };
}

/** `wed 05:00`. */
export function showMinute(minuteOfWeek: number): string {
    const day = DAYS[Math.floor(minuteOfWeek / MINUTES_PER_DAY)];
    const hour = Math.floor((minuteOfWeek % MINUTES_PER_DAY) / 60);
    const minute = minuteOfWeek % 60;
    return `${day} ${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

function covered(window: WeeklyWindow): boolean[] {
    const minutes = new Array<boolean>(MINUTES_PER_WEEK).fill(false);
    for (const start of window.starts) {
        for (let i = 0; i < window.minutes; i++) {
            minutes[(start + i) % MINUTES_PER_WEEK] = true;
        }
    }
    return minutes;
}

/** The first minute of the week both windows cover, or undefined. */
export function firstOverlap(a: WeeklyWindow, b: WeeklyWindow): number | undefined {
    const inA = covered(a);
    const inB = covered(b);
    const minute = inA.findIndex((value, i) => value && inB[i] === true);
    return minute < 0 ? undefined : minute;
}

/**
 * Every minute of the week a game-day may be running: each start of the (already validated) cron
 * schedule plus {@link GAMEDAY_RUN_MINUTES}. A day-of-month or month restriction can fall on any
 * weekday, so it counts as every day (the conservative side).
 */
export function gamedayWindow(schedule: string): WeeklyWindow {
    const [minute, hour, dayOfMonth, , dayOfWeek] = schedule.trim().split(/\s+/) as [string, string, string, string, string];
    const minutes = expandCronField(minute, 0, 59);
    const hours = expandCronField(hour, 0, 23);
    const days = dayOfMonth === "*" ? [...new Set(expandCronField(dayOfWeek, 0, 7).map((d) => d % 7))] : [0, 1, 2, 3, 4, 5, 6];
    const starts: number[] = [];
    for (const day of days) {
        for (const h of hours) {
            for (const m of minutes) {
                starts.push(day * MINUTES_PER_DAY + h * 60 + m);
            }
        }
    }
    return { starts, minutes: GAMEDAY_RUN_MINUTES };
}

/** The values of one cron field: lists of `*`, `n`, `a-b`, each with an optional `/step`. */
export function expandCronField(field: string, min: number, max: number): number[] {
    const values = new Set<number>();
    for (const item of field.split(",")) {
        const [range = "", stepText] = item.split("/");
        const step = stepText === undefined ? 1 : Number(stepText);
        let from = min;
        let to = max;
        if (range !== "*") {
            const [a = "", b] = range.split("-");
            from = Number(a);
            to = b !== undefined ? Number(b) : stepText !== undefined ? max : from;
        }
        for (let v = from; v <= to; v += step) {
            values.add(v);
        }
    }
    return [...values].sort((x, y) => x - y);
}
