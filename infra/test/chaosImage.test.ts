/**
 * The chaos image (Dockerfile) holds what the Pulumi program runs in it (gamedayTask.ts): the
 * entrypoint at the path the ECS task and the CronJob name, the stack files where chaos is told to
 * look, a reports folder the image's user may write, that user's UID, the AWS CLI the entrypoint
 * calls, built for the architecture the task definition declares. The image itself cannot be built
 * on this machine (no container engine, its base images' registry unreachable: docs/scheduling.md),
 * so its instructions are read here; tests/ChaosSuite.Tests/Container checks the COPY sources and the
 * publish command.
 */
import assert from "node:assert/strict";
import { accessSync, constants, readFileSync } from "node:fs";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { CHAOS_IMAGE_UID, GAMEDAY_TASK_ENTRYPOINT, STACKS_DIR, reportsDirOf } from "../gamedayTask";
import { REPO_ROOT, ofType, runProgram } from "./harness";

interface Instruction {
    readonly keyword: string;
    readonly args: string;
}

/** The final stage's instructions (continuation lines joined, comments dropped), and the ARG defaults. */
function finalStage(dockerfile: string): { instructions: Instruction[]; from: string; args: Map<string, string> } {
    const lines = dockerfile.replace(/\\\n/g, " ").split("\n").map((l) => l.trim()).filter((l) => l.length > 0 && !l.startsWith("#"));
    const all = lines.map((l) => {
        const [keyword = "", ...rest] = l.split(/\s+/);
        return { keyword: keyword.toUpperCase(), args: rest.join(" ") };
    });
    const args = new Map<string, string>();
    for (const { keyword, args: text } of all) {
        const match = keyword === "ARG" ? /^(\w+)=(\S+)$/.exec(text) : null;
        if (match) {
            args.set(match[1] as string, match[2] as string);
        }
    }
    const start = all.map((i) => i.keyword).lastIndexOf("FROM");
    const from = (all[start]?.args ?? "").replace(/\$\{(\w+)\}/g, (_, name: string) => args.get(name) ?? "");
    return { instructions: all.slice(start + 1), from, args };
}

describe("the chaos image holds what the program runs in it", () => {
    const dockerfile = readFileSync(join(REPO_ROOT, "Dockerfile"), "utf8");
    const { instructions, from } = finalStage(dockerfile);
    const of = (keyword: string) => instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
    let cpuArchitecture: string;
    before(async () => {
        const run = await runProgram("staging");
        const [task] = ofType(run, "aws:ecs/taskDefinition:TaskDefinition");
        cpuArchitecture = task?.inputs.runtimePlatform.cpuArchitecture;
    });

    it("copies the entrypoint the ECS task and the CronJob run, executable", () => {
        assert.ok(of("COPY").includes(`scripts/gameday-task ${GAMEDAY_TASK_ENTRYPOINT}`), of("COPY").join("\n"));
        accessSync(join(REPO_ROOT, "scripts", "gameday-task"), constants.X_OK);
    });

    it("keeps the stack files where chaos is told to look, beside a reports folder its user owns", () => {
        const workdir = instructions.findIndex((i) => i.keyword === "WORKDIR" && i.args === STACKS_DIR);
        assert.ok(workdir >= 0, `WORKDIR ${STACKS_DIR}`);
        assert.ok(instructions.slice(workdir).some((i) => i.keyword === "COPY" && /^Pulumi\.yaml Pulumi\.\*\.yaml \.\/$/.test(i.args)), "the stack files in the stacks folder");
        assert.ok(of("RUN").some((r) => r.includes(`mkdir -p`) && r.includes(`${STACKS_DIR}/reports`) && /chown app:app .*\/stacks\/reports/.test(r)), "reports folder owned by app");
        assert.equal(reportsDirOf("staging").startsWith(`${STACKS_DIR}/reports/`), true);
    });

    it(`runs as the .NET runtime image's app user, UID ${CHAOS_IMAGE_UID}, which the task and the pod declare`, () => {
        assert.deepEqual(of("USER"), ["app"]);
        // The app user (UID 1654) is the one the .NET 8+ runtime images create.
        assert.match(from, /^mcr\.microsoft\.com\/dotnet\/runtime:(8|9|10)\.\d+$/);
    });

    it("has the chaos CLI where the entrypoint looks for it, psql, and an AWS CLI on PATH for the task's architecture", () => {
        const script = readFileSync(join(REPO_ROOT, "scripts", "gameday-task"), "utf8");
        assert.match(script, /CHAOS:-dotnet \/opt\/chaos\/chaos\.dll/);
        assert.ok(of("COPY").includes("--from=build /out /opt/chaos"));
        assert.ok(of("RUN").some((r) => r.includes("postgresql-client")));
        assert.ok(of("RUN").some((r) => r.includes("/usr/local/bin/aws")), "aws on PATH");
        const installer = /awscli-exe-linux-(\w+)-/.exec(dockerfile)?.[1];
        assert.equal(installer === "x86_64" ? "X86_64" : installer === "aarch64" ? "ARM64" : installer, cpuArchitecture);
    });
});
