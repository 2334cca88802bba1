/**
 * The spec's crontab schedule as EventBridge Scheduler writes it (aws/schedulerCron.ts): every stack
 * file's schedule, the forms that change on the way (day-of-week numbering, steps, the `?` rule), and
 * the one form Scheduler cannot express.
 */
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { SchedulerCronError, schedulerCronOf } from "../aws/schedulerCron";
import { readStackSpec } from "../config";
import { loadStackFile } from "../spec/stackFile";
import { REPO_ROOT } from "./harness";

describe("schedulerCronOf", () => {
    const cases: [string, string, string][] = [
        ["0 4 * * 2", "cron(0 4 ? * TUE *)", "staging: Tuesday 04:00; crontab 2 is Tuesday, Scheduler's 3"],
        ["0 5 * * 3", "cron(0 5 ? * WED *)", "prod: Wednesday 05:00"],
        ["30 4 * * 2", "cron(30 4 ? * TUE *)", "k8s-staging"],
        ["0 3 * * 1", "cron(0 3 ? * MON *)", "the spec's default"],
        ["0 3 * * 0", "cron(0 3 ? * SUN *)", "crontab 0 is Sunday"],
        ["0 3 * * 7", "cron(0 3 ? * SUN *)", "crontab 7 is Sunday too"],
        ["0 3 * * 0,7", "cron(0 3 ? * SUN *)", "Sunday twice is Sunday once"],
        ["0 3 * * 1-5", "cron(0 3 ? * MON,TUE,WED,THU,FRI *)", "a range as a list of names"],
        ["0 3 * * 5-7", "cron(0 3 ? * SUN,FRI,SAT *)", "a range through Sunday"],
        ["0 3 * * */2", "cron(0 3 ? * SUN,TUE,THU,SAT *)", "a day-of-week step"],
        ["*/15 * * * *", "cron(0/15 * * * ? *)", "every day: day-of-week becomes ?"],
        ["0 */6 1 * *", "cron(0 0/6 1 * ? *)", "a day of the month: day-of-week becomes ?"],
        ["0 2 */2 */3 *", "cron(0 2 1/2 1/3 ? *)", "day-of-month and month steps start at 1"],
        ["0,30 8-17 * 1,7 *", "cron(0,30 8-17 * 1,7 ? *)", "lists and ranges pass through"],
    ];
    for (const [crontab, scheduler, why] of cases) {
        it(`${crontab} -> ${scheduler} (${why})`, () => {
            assert.equal(schedulerCronOf(crontab), scheduler);
        });
    }

    it("refuses a schedule restricting both day fields, in one line saying what to do", () => {
        assert.throws(
            () => schedulerCronOf("0 3 1 * 1"),
            (e: unknown) =>
                e instanceof SchedulerCronError &&
                !e.message.includes("\n") &&
                e.message.includes("restricts both day-of-month and day-of-week") &&
                e.message.endsWith("restrict only one of them"),
        );
    });

    it("converts every stack file's schedule", () => {
        const files = readdirSync(REPO_ROOT).filter((f) => /^Pulumi\..+\.yaml$/.test(f));
        assert.ok(files.length >= 4, files.join(", "));
        for (const file of files) {
            loadStackFile(join(REPO_ROOT, file), { decrypt: () => "https://decrypted.example.invalid/" });
            assert.match(schedulerCronOf(readStackSpec().gameday.schedule), /^cron\(\S+ \S+ \S+ \S+ \S+ \*\)$/, file);
        }
    });
});
