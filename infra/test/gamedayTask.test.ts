/**
 * scripts/gameday-task, the scheduled game-day's entrypoint in the chaos image, run as the platform runs
 * it: with the real AWS CLI (Debian's awscli, v2, installed by scripts/setup) against a loopback S3
 * (support/s3StandIn.ts; it knows only the run's access key, but does not verify SigV4). Only chaos is a stand-in, a shell script that
 * records what it was given and saw, writes a report and exits as the test tells it; a real game-day
 * needs a cluster and is tested in src/ChaosSuite's own suite. Checked: the verdict is chaos's exit code
 * (a failed game-day fails the task), earlier reports are there before chaos starts, every report is
 * uploaded afterwards, a lost upload turns a pass into 3, SIGTERM reaches chaos and its aborted report
 * is still uploaded, bad input is one line, and no credential is ever printed or put on a command line.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { REPO_ROOT } from "./harness";
import { startS3StandIn } from "./support/s3StandIn";
import type { S3StandIn } from "./support/s3StandIn";

const TASK = join(REPO_ROOT, "scripts", "gameday-task");
const STACK = "staging";
const BUCKET = "gameday-reports";
/** What a task run may take at most here (each AWS CLI call starts a Python interpreter). */
const RUN_DEADLINE_MS = Number(process.env.GAMEDAY_TASK_TEST_DEADLINE_MS ?? 120_000);
const SESSION_TOKEN = `token-${Math.random().toString(36).slice(2)}-never-printed`;

/** The real CLI: Debian's (what scripts/setup installs), else the first on PATH. */
function realAws(): string {
    const candidates = ["/usr/bin/aws", ...(process.env.PATH ?? "").split(delimiter).map((dir) => join(dir, "aws"))];
    const found = candidates.find((path) => existsSync(path));
    assert.ok(found, "the AWS CLI is not installed: run scripts/setup (Debian package awscli)");
    return found;
}

/** chaos's stand-in: `gameday --stack S --stacks-dir D [extra...]`, as gameday-task calls the real one. */
const FAKE_CHAOS = `#!/bin/sh
printf '%s\\n' "$*" > "$FAKE_CHAOS_DIR/args"
stacks_dir="$5"
reports="$stacks_dir/reports/$3"
ls "$reports" > "$FAKE_CHAOS_DIR/seen-before-run"
run="$reports/$FAKE_CHAOS_RUN"
mkdir -p "$run"
if [ -n "\${FAKE_CHAOS_HOLD:-}" ]; then
    # Like chaos: on SIGTERM restore, write the aborted report, exit 3.
    trap 'kill "$sleeper" 2>/dev/null; echo "{\\"verdict\\":\\"aborted\\"}" > "$run/report.json"; exit 3' TERM
    sleep 600 & sleeper=$!
    touch "$FAKE_CHAOS_DIR/running"
    wait "$sleeper"
fi
echo "{\\"verdict\\":\\"exit $FAKE_CHAOS_EXIT\\"}" > "$run/report.json"
if [ -n "\${FAKE_CHAOS_DROP_BUCKET:-}" ]; then aws s3 rb --force "s3://$FAKE_CHAOS_DROP_BUCKET" > /dev/null; fi
exit "$FAKE_CHAOS_EXIT"
`;

/** The real CLI pointed at the stand-in (the image's CLI reads the endpoint from AWS; Debian's 2.9 has no AWS_ENDPOINT_URL), recording each call's arguments. */
const AWS_WRAPPER = `#!/bin/sh
printf '%s\\n' "$*" >> "$AWS_CALLS"
# A test that must signal the task while a call is under way holds the call until it says so.
if [ -n "\${AWS_HOLD:-}" ]; then
    while [ ! -e "$FAKE_CHAOS_DIR/release" ]; do sleep 0.05; done
fi
exec "$REAL_AWS" --endpoint-url "$S3_ENDPOINT" "$@"
`;

interface TaskRun {
    readonly code: number | null;
    readonly output: string;
    readonly dir: string;
    readonly stacksDir: string;
    readonly awsCalls: string[];
    /** The report folder chaos's stand-in writes: `<time>-gameday`, unique per run. */
    readonly runName: string;
}

interface TaskOptions {
    readonly s3Uri?: string | null;
    readonly chaosExit?: number;
    readonly dropBucket?: string;
    readonly hold?: boolean;
    readonly env?: Record<string, string>;
    readonly extraArgs?: string[];
    /** Called once the task is running, with its process (for signals). */
    readonly whileRunning?: (task: ChildProcess, dir: string) => Promise<void>;
}

let s3: S3StandIn;
let runs = 0;

/** Runs gameday-task to its exit, to a deadline; stdout and stderr interleaved as a platform's log. */
async function runTask(options: TaskOptions = {}): Promise<TaskRun> {
    const dir = mkdtempSync(join(tmpdir(), "gameday-task-"));
    const bin = join(dir, "bin");
    const stacksDir = join(dir, "stacks");
    mkdirSync(bin);
    mkdirSync(stacksDir);
    writeFileSync(join(bin, "aws"), AWS_WRAPPER);
    writeFileSync(join(dir, "chaos"), FAKE_CHAOS);
    chmodSync(join(bin, "aws"), 0o755);
    chmodSync(join(dir, "chaos"), 0o755);
    runs += 1;
    const env: Record<string, string> = {
        PATH: `${bin}${delimiter}${process.env.PATH ?? ""}`,
        HOME: dir,
        GAMEDAY_STACK: STACK,
        GAMEDAY_STACKS_DIR: stacksDir,
        CHAOS: join(dir, "chaos"),
        AWS_ACCESS_KEY_ID: s3.accessKeyId,
        AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
        AWS_SESSION_TOKEN: SESSION_TOKEN,
        AWS_REGION: "eu-central-1",
        AWS_CALLS: join(dir, "aws-calls"),
        REAL_AWS: realAws(),
        S3_ENDPOINT: s3.endpoint,
        FAKE_CHAOS_DIR: dir,
        FAKE_CHAOS_RUN: `20261201T04${String(runs).padStart(2, "0")}00Z-gameday`,
        FAKE_CHAOS_EXIT: String(options.chaosExit ?? 0),
        ...(options.s3Uri === null ? {} : { GAMEDAY_REPORTS_S3_URI: options.s3Uri ?? `s3://${BUCKET}/${STACK}/` }),
        ...(options.dropBucket === undefined ? {} : { FAKE_CHAOS_DROP_BUCKET: options.dropBucket }),
        ...(options.hold === true ? { FAKE_CHAOS_HOLD: "1" } : {}),
        ...options.env,
    };
    // Its own process group, so that nothing it started can outlive the test (see the finally below).
    const task = spawn(TASK, options.extraArgs ?? [], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let output = "";
    task.stdout.on("data", (chunk) => (output += chunk));
    task.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => task.on("close", (code) => resolve(code)));
    const killGroup = () => {
        try {
            process.kill(-(task.pid as number), "SIGKILL");
        } catch {
            // ESRCH: the group is gone already.
        }
    };
    const deadline = setTimeout(killGroup, RUN_DEADLINE_MS);
    try {
        await options.whileRunning?.(task, dir);
        const code = await exited;
        const calls = existsSync(env.AWS_CALLS as string) ? readFileSync(env.AWS_CALLS as string, "utf8").split("\n").filter((l) => l.length > 0) : [];
        return { code, output, dir, stacksDir, awsCalls: calls, runName: env.FAKE_CHAOS_RUN as string };
    } finally {
        clearTimeout(deadline);
        killGroup();
    }
}

/** What the stand-in holds under a prefix, through the real CLI. */
async function listed(prefix: string): Promise<string> {
    const ls = spawn(realAws(), ["--endpoint-url", s3.endpoint, "s3", "ls", "--recursive", `s3://${BUCKET}/${prefix}`], {
        env: { ...process.env, AWS_ACCESS_KEY_ID: s3.accessKeyId, AWS_SECRET_ACCESS_KEY: s3.secretAccessKey, AWS_REGION: "eu-central-1" },
    });
    let out = "";
    ls.stdout.on("data", (chunk) => (out += chunk));
    await new Promise((resolve) => ls.on("close", resolve));
    return out;
}

/** Polls for a file to a deadline (the stand-in's "I am running" mark). */
async function appears(path: string): Promise<void> {
    const until = Date.now() + RUN_DEADLINE_MS;
    while (!existsSync(path)) {
        assert.ok(Date.now() < until, `${path} never appeared`);
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
}

function assertNoCredentialShown(run: TaskRun): void {
    for (const secret of [s3.secretAccessKey, SESSION_TOKEN]) {
        assert.ok(!run.output.includes(secret), "a credential was printed");
        assert.ok(!run.awsCalls.some((call) => call.includes(secret)), "a credential was on a command line");
    }
}

describe("scripts/gameday-task with the real AWS CLI and a loopback S3", () => {
    before(async () => {
        s3 = await startS3StandIn([BUCKET]);
        // A report of an earlier game-day, as the bucket holds it.
        const earlier = mkdtempSync(join(tmpdir(), "earlier-"));
        mkdirSync(join(earlier, "20261124T040000Z-gameday"));
        writeFileSync(join(earlier, "20261124T040000Z-gameday", "report.json"), '{"verdict":"pass"}');
        const seed = spawn(realAws(), ["--endpoint-url", s3.endpoint, "s3", "sync", "--only-show-errors", earlier, `s3://${BUCKET}/${STACK}/`], {
            env: { ...process.env, AWS_ACCESS_KEY_ID: s3.accessKeyId, AWS_SECRET_ACCESS_KEY: s3.secretAccessKey, AWS_REGION: "eu-central-1" },
            stdio: "inherit",
        });
        assert.equal(await new Promise((resolve) => seed.on("close", resolve)), 0, "seeding the stand-in");
    });
    after(async () => {
        await s3.close();
    });

    it("a passing game-day: earlier reports are there before chaos starts, the new one is uploaded, exit 0", async () => {
        const run = await runTask({ extraArgs: ["--fail-on-regression"] });
        assert.equal(run.code, 0, run.output);
        assert.equal(readFileSync(join(run.dir, "args"), "utf8").trim(), `gameday --stack ${STACK} --stacks-dir ${run.stacksDir} --fail-on-regression`);
        assert.match(readFileSync(join(run.dir, "seen-before-run"), "utf8"), /20261124T040000Z-gameday/);
        assert.match(await listed(`${STACK}/`), new RegExp(`${STACK}/${run.runName}/report.json`));
        assert.deepEqual(run.awsCalls.map((c) => c.split(" ").slice(0, 2).join(" ")), ["s3 sync", "s3 sync"]);
        assertNoCredentialShown(run);
    });

    it("a failed game-day fails the task with chaos's exit code, and its report is still uploaded", async () => {
        const run = await runTask({ chaosExit: 1 });
        assert.equal(run.code, 1, run.output);
        assert.match(await listed(`${STACK}/${run.runName}/`), /report\.json/);
        assertNoCredentialShown(run);
    });

    it("SIGTERM from the platform reaches chaos, whose aborted report is uploaded; the task exits 3", async () => {
        const run = await runTask({
            hold: true,
            whileRunning: async (task, dir) => {
                await appears(join(dir, "running"));
                task.kill("SIGTERM");
            },
        });
        assert.equal(run.code, 3, run.output);
        const report = join(run.stacksDir, "reports", STACK, run.runName, "report.json");
        assert.equal(readFileSync(report, "utf8").trim(), '{"verdict":"aborted"}');
        assert.match(await listed(`${STACK}/${run.runName}/`), /report\.json/);
        assertNoCredentialShown(run);
    });

    it("SIGTERM while the earlier reports are read: chaos never starts, the task exits 3 on one line", async () => {
        const run = await runTask({
            env: { AWS_HOLD: "1" },
            whileRunning: async (task, dir) => {
                await appears(join(dir, "aws-calls"));
                task.kill("SIGTERM");
                writeFileSync(join(dir, "release"), "");
            },
        });
        assert.equal(run.code, 3, run.output);
        assert.ok(!existsSync(join(run.dir, "args")), "chaos must not start after the platform said stop");
        assert.ok(run.output.includes("gameday-task: stopped before the game-day started; nothing was injected"), run.output);
    });

    it("a report that cannot be stored turns a pass into 3, on one line saying what to check", async () => {
        const scratch = "scratch-reports";
        const make = spawn(realAws(), ["--endpoint-url", s3.endpoint, "s3", "mb", `s3://${scratch}`], {
            env: { ...process.env, AWS_ACCESS_KEY_ID: s3.accessKeyId, AWS_SECRET_ACCESS_KEY: s3.secretAccessKey, AWS_REGION: "eu-central-1" },
        });
        assert.equal(await new Promise((resolve) => make.on("close", resolve)), 0);
        // chaos passes, but the bucket is gone when the task writes back.
        const run = await runTask({ s3Uri: `s3://${scratch}/${STACK}/`, dropBucket: scratch });
        assert.equal(run.code, 3, run.output);
        const lines = run.output.split("\n").filter((l) => l.startsWith("gameday-task:"));
        assert.deepEqual(lines, [`gameday-task: could not write the reports to s3://${scratch}/${STACK}/; check the task role's s3:PutObject and the bucket key`]);
        assertNoCredentialShown(run);
    });

    it("earlier reports that cannot be read stop the task before chaos runs, exit 3, on one line", async () => {
        const run = await runTask({ s3Uri: `s3://no-such-bucket/${STACK}/` });
        assert.equal(run.code, 3, run.output);
        assert.ok(!existsSync(join(run.dir, "args")), "chaos must not run without its history");
        assert.ok(run.output.includes(`gameday-task: could not read the earlier reports from s3://no-such-bucket/${STACK}/; check the task role's s3:ListBucket and s3:GetObject on it`), run.output);
        assertNoCredentialShown(run);
    });

    it("an access key the store does not know: the task exits 3 without printing the credentials", async () => {
        const run = await runTask({ env: { AWS_ACCESS_KEY_ID: "AKIAUNKNOWNKEY000000" } });
        assert.equal(run.code, 3, run.output);
        assert.match(run.output, /InvalidAccessKeyId/);
        assert.ok(!existsSync(join(run.dir, "args")), "chaos must not run without its history");
        assertNoCredentialShown(run);
    });

    it("without an S3 folder (kubernetes: the reports are on a volume) no AWS call is made", async () => {
        const run = await runTask({ s3Uri: null, chaosExit: 1 });
        assert.equal(run.code, 1, run.output);
        assert.deepEqual(run.awsCalls, []);
    });

    it("without GAMEDAY_STACK: one line saying what to set, non-zero, chaos not run", async () => {
        const run = await runTask({ env: { GAMEDAY_STACK: "" } });
        assert.notEqual(run.code, 0);
        assert.ok(!existsSync(join(run.dir, "args")));
        const lines = run.output.split("\n").filter((l) => l.length > 0);
        assert.equal(lines.length, 1, run.output);
        assert.match(lines[0] as string, /gameday-task: set GAMEDAY_STACK to the stack to run/);
    });
});
