/**
 * The spec's five-field cron (`minute hour day-of-month month day-of-week`, Vixie cron as in
 * crontab(5)) as an EventBridge Scheduler expression, `cron(minutes hours day-of-month month
 * day-of-week year)`. Scheduler differs in three ways that matter here (EventBridge Scheduler user
 * guide, schedule types, cron expressions):
 * - one of day-of-month and day-of-week must be `?`: crontab's "either day matches" (both fields
 *   restricted) has no Scheduler form, so it is refused in one line;
 * - day-of-week counts 1-7 from Sunday (crontab: 0-7, 0 and 7 both Sunday): written as names
 *   (SUN...SAT) so no number is misread, and as a plain list (no ranges or steps, which
 *   day-of-week does not take everywhere);
 * - steps are written `start/step` (`0/15`), not `*\/15`.
 */

/** A cron form Scheduler cannot express; its message is one line. */
export class SchedulerCronError extends Error {}

const DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] as const;

/** `cron(...)` for `expression` (already validated by the spec reader as five crontab fields). */
export function schedulerCronOf(expression: string): string {
    const fields = expression.trim().split(/\s+/);
    if (fields.length !== 5) {
        throw new SchedulerCronError(`"${expression}" is not a five-field cron expression`);
    }
    const [minute, hour, dayOfMonth, month, dayOfWeek] = fields as [string, string, string, string, string];
    if (dayOfMonth !== "*" && dayOfWeek !== "*") {
        // crontab runs when either day matches; Scheduler needs one of them to be `?`.
        throw new SchedulerCronError(
            `"${expression}" restricts both day-of-month and day-of-week (crontab runs when either matches), ` +
                "which EventBridge Scheduler cannot express; restrict only one of them",
        );
    }
    const days =
        dayOfWeek === "*"
            ? { dayOfMonth: steps(dayOfMonth, 1), dayOfWeek: "?" }
            : { dayOfMonth: "?", dayOfWeek: dayNames(dayOfWeek) };
    return `cron(${steps(minute, 0)} ${steps(hour, 0)} ${days.dayOfMonth} ${steps(month, 1)} ${days.dayOfWeek} *)`;
}

/** `*\/n` -> `<first>/n` in each list item; everything else crontab and Scheduler write alike. */
function steps(field: string, first: number): string {
    return field
        .split(",")
        .map((item) => item.replace(/^\*\/([0-9]+)$/, `${first}/$1`))
        .join(",");
}

/** A crontab day-of-week field (numbers 0-7, ranges, lists, `*\/n`) as Scheduler day names. */
function dayNames(field: string): string {
    const days = new Set<number>();
    for (const item of field.split(",")) {
        const step = /^\*\/([0-9]+)$/.exec(item);
        const range = /^([0-9]+)(?:-([0-9]+))?$/.exec(item);
        if (step !== null) {
            for (let d = 0; d <= 6; d += Number(step[1])) {
                days.add(d);
            }
        } else if (range !== null) {
            const from = Number(range[1]);
            const to = range[2] === undefined ? from : Number(range[2]);
            for (let d = from; d <= to; d++) {
                days.add(d % 7);
            }
        } else {
            throw new SchedulerCronError(`day-of-week "${item}" is not a number, a range a-b or a step */n`);
        }
    }
    return [...days].sort((a, b) => a - b).map((d) => DAY_NAMES[d]).join(",");
}
