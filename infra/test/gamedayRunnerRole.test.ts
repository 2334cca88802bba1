/**
 * The game-day runner's role under mocks: it may read its cells, start and stop only its cells' FIS
 * templates, read only its cells' alarms and connect with an IAM token; it may not fail over, reboot,
 * modify or delete anything itself; CI assumes it through OIDC with the configured subject only.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { ACCOUNT_ID, REGION, REPO_ROOT, clusterResourceIdOf, dependenciesOf, ofType, runProgram } from "./harness";
import type { ProgramRun, RegisteredResource } from "./harness";

const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const TEMPLATE = "aws:fis/experimentTemplate:ExperimentTemplate";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const CLUSTER = "aws:rds/cluster:Cluster";
const OIDC = `arn:aws:iam::${ACCOUNT_ID}:oidc-provider/token.actions.githubusercontent.com`;

interface Statement {
    Sid: string;
    Action: string[];
    Resource: string | string[];
    Condition?: Record<string, Record<string, string>>;
}

function runnerRole(run: ProgramRun): { role: RegisteredResource; statements: Statement[] } {
    const roles = ofType(run, ROLE).filter((r) => String(r.inputs.name).endsWith("-gameday-runner"));
    assert.equal(roles.length, 1, "one game-day runner role per stack");
    const role = roles[0]!;
    // The role's own policy; the scheduled game-day adds its reports' access separately (test/scheduledGameday.aws.test.ts).
    const policies = ofType(run, ROLE_POLICY).filter((p) => dependenciesOf(run, p, "role").includes(role) && p.name === "gameday-runner-policy");
    assert.equal(policies.length, 1);
    return { role, statements: JSON.parse(policies[0]!.inputs.policy).Statement as Statement[] };
}

const list = (value: string | string[]) => (Array.isArray(value) ? value : [value]);

describe("game-day runner role (Pulumi.staging.yaml with gameday:* config)", () => {
    let run: ProgramRun;
    let dir: string;
    before(async () => {
        dir = mkdtempSync(join(tmpdir(), "gameday-runner-"));
        const file = join(dir, "Pulumi.staging.yaml");
        const staging = readFileSync(join(REPO_ROOT, "Pulumi.staging.yaml"), "utf8");
        writeFileSync(file, `${staging}\n  gameday:ciOidcProviderArn: ${OIDC}\n  gameday:ciSubject: repo:example/resilience:environment:staging\n`);
        try {
            run = await runProgram(file);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it("is exported as a stack output", () => {
        const { role } = runnerRole(run);
        assert.equal(run.outputs.gamedayRunnerRoleArn, role.state.arn);
    });

    it("trusts CI's OIDC identity for the configured subject and audience only, besides the scheduled task", () => {
        const trust = JSON.parse(runnerRole(run).role.inputs.assumeRolePolicy);
        assert.equal(trust.Statement.length, 2);
        assert.equal(trust.Statement[1].Principal.Service, "ecs-tasks.amazonaws.com");
        const [statement] = trust.Statement;
        assert.equal(statement.Principal.Federated, OIDC);
        assert.equal(statement.Action, "sts:AssumeRoleWithWebIdentity");
        assert.deepEqual(statement.Condition.StringEquals, {
            "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
            "token.actions.githubusercontent.com:sub": "repo:example/resilience:environment:staging",
        });
    });

    it("allows no fault, modification or deletion of its own but the planned switchover", () => {
        const actions = runnerRole(run).statements.filter((s) => s.Sid !== "PlannedSwitchoverOfOwnClusters").flatMap((s) => s.Action);
        for (const forbidden of [/^rds:(Failover|Reboot|Modify|Delete|Create|Restore|Stop|Start)/, /^fis:(Create|Update|Delete)/, /^cloudwatch:(Put|Set|Delete|Disable)/, /\*/]) {
            assert.deepEqual(actions.filter((a) => forbidden.test(a)), [], String(forbidden));
        }
    });

    it("may switch over (rds:FailoverDBCluster) only its own cells' clusters", () => {
        const switchover = runnerRole(run).statements.find((s) => s.Sid === "PlannedSwitchoverOfOwnClusters");
        assert.ok(switchover);
        assert.deepEqual(switchover.Action, ["rds:FailoverDBCluster"]);
        assert.deepEqual(list(switchover.Resource), [`arn:aws:rds:${REGION}:${ACCOUNT_ID}:cluster:staging-eu-1`]);
    });

    it("starts only this stack's experiment templates", () => {
        const start = runnerRole(run).statements.find((s) => s.Action.includes("fis:StartExperiment"));
        assert.ok(start);
        const templates = ofType(run, TEMPLATE).map((t) => `arn:aws:fis:${REGION}:${ACCOUNT_ID}:experiment-template/${t.id}`);
        assert.equal(templates.length, 2);
        assert.deepEqual(list(start.Resource).sort(), [...templates, `arn:aws:fis:${REGION}:${ACCOUNT_ID}:experiment/*`].sort());
    });

    it("reads and stops only experiments tagged with its stack", () => {
        const stop = runnerRole(run).statements.find((s) => s.Action.includes("fis:StopExperiment"));
        assert.ok(stop);
        assert.deepEqual(stop.Condition, { StringEquals: { "aws:ResourceTag/resilience:stack": "staging" } });
    });

    it("reads exactly the cells' alarms", () => {
        const read = runnerRole(run).statements.find((s) => s.Action.includes("cloudwatch:DescribeAlarms"));
        assert.ok(read);
        // The scheduled game-day's own start alarms (aws/gamedayStartWatch.ts) are not the cells': the task does not read them.
        const alarms = ofType(run, ALARM).filter((a) => !a.name.startsWith("gameday-start-")).map((a) => `arn:aws:cloudwatch:${REGION}:${ACCOUNT_ID}:alarm:${a.inputs.name}`);
        assert.equal(alarms.length, 8); // Pulumi.staging.yaml's alarms, warm-readers-low included
        assert.deepEqual(list(read.Resource).sort(), alarms.sort());
    });

    it("connects as the spec's database user with an IAM token, on its own cluster only", () => {
        const connect = runnerRole(run).statements.find((s) => s.Action.includes("rds-db:connect"));
        assert.ok(connect);
        const clusters = ofType(run, CLUSTER);
        assert.equal(clusters.length, 1);
        const resourceId = clusters[0]!.state.clusterResourceId;
        assert.equal(resourceId, clusterResourceIdOf("staging-eu-1"));
        assert.deepEqual(list(connect.Resource), [`arn:aws:rds-db:${REGION}:${ACCOUNT_ID}:dbuser:${resourceId}/app`]);
    });

    it("exports each cell's cluster resource id", () => {
        const cells = run.outputs.cells as Record<string, { clusterResourceId: string }>;
        assert.equal(cells["eu-1"]?.clusterResourceId, clusterResourceIdOf("staging-eu-1"));
    });

    it("lists experiments (the double-fault guard's read) and templates on * only, reading nothing else there", () => {
        const read = runnerRole(run).statements.find((s) => s.Sid === "ReadTopology");
        assert.ok(read);
        assert.equal(read.Resource, "*");
        assert.deepEqual([...read.Action].sort(), ["fis:ListExperimentTemplates", "fis:ListExperiments", "rds:DescribeDBClusterEndpoints", "rds:DescribeDBClusters", "rds:DescribeDBInstances"]);
    });
});

describe("game-day runner role without gameday:* config", () => {
    it("is assumed by nobody but this account's ECS tasks (the scheduled game-day), so no warning is given", async () => {
        const run = await runProgram("staging");
        assert.ok(!run.warnings.some((w) => w.includes("nobody may assume the game-day runner role yet")), run.warnings.join("\n"));
        const trust = JSON.parse(runnerRole(run).role.inputs.assumeRolePolicy);
        assert.deepEqual(trust.Statement, [
            {
                Effect: "Allow",
                Principal: { Service: "ecs-tasks.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "aws:SourceAccount": ACCOUNT_ID } },
            },
        ]);
    });

    it("is not declared on a local stack", async () => {
        const run = await runProgram("local");
        assert.equal(ofType(run, ROLE).filter((r) => String(r.inputs.name).endsWith("-gameday-runner")).length, 0);
        assert.equal(run.outputs.gamedayRunnerRoleArn, undefined);
    });
});
