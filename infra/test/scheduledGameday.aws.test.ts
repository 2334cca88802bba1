/**
 * The scheduled game-day on AWS under mocks (aws/scheduledGameday.ts, aws/gamedayReports.ts): the
 * Scheduler expression of each stack's cron, the Fargate task in private subnets, least-privilege
 * roles, the reports bucket's encryption, privacy, versioning and lifecycle, and the verdict's way to
 * the alarm topic.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { ACCOUNT_ID, REGION, REPO_ROOT, dependenciesOf, ofType, runProgram } from "./harness";
import type { ProgramRun, RegisteredResource } from "./harness";

const T = {
    schedule: "aws:scheduler/schedule:Schedule",
    task: "aws:ecs/taskDefinition:TaskDefinition",
    cluster: "aws:ecs/cluster:Cluster",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    bucket: "aws:s3/bucket:Bucket",
    logs: "aws:cloudwatch/logGroup:LogGroup",
    rule: "aws:cloudwatch/eventRule:EventRule",
    target: "aws:cloudwatch/eventTarget:EventTarget",
    topic: "aws:sns/topic:Topic",
    topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
    key: "aws:kms/key:Key",
    scheduleGroup: "aws:scheduler/scheduleGroup:ScheduleGroup",
    queue: "aws:sqs/queue:Queue",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
} as const;

interface Statement {
    Sid?: string;
    Effect: string;
    Principal?: Record<string, unknown>;
    Action: string | string[];
    Resource: string | string[];
    Condition?: Record<string, Record<string, unknown>>;
}

const list = (value: string | string[]) => (Array.isArray(value) ? value : [value]);

function one(run: ProgramRun, type: string, name?: string): RegisteredResource {
    // The game-day's own resources: the stack declares others of the same types (the warm-up gate's service).
    const found = ofType(run, type).filter((r) => (name === undefined ? !r.name.startsWith("warmup-gate") : r.name === name));
    assert.equal(found.length, 1, `expected one ${type} ${name ?? ""}, got ${found.length}`);
    return found[0] as RegisteredResource;
}

function policyOf(resource: RegisteredResource, property = "policy"): Statement[] {
    return JSON.parse(resource.inputs[property]).Statement as Statement[];
}

/** Least privilege: no wildcard action, and no resource `*` except where an action takes none. */
function assertLeastPrivilege(statements: readonly Statement[], what: string): void {
    for (const s of statements.filter((s) => s.Effect === "Allow")) {
        assert.ok(!list(s.Action).some((a) => a.includes("*")), `${what}: wildcard action in ${JSON.stringify(s)}`);
        assert.ok(!list(s.Resource).includes("*"), `${what}: resource * in ${JSON.stringify(s)}`);
    }
}

const STACKS = [
    { stack: "staging", expression: "cron(0 4 ? * TUE *)", image: "ghcr.io/example/resilience/chaos:latest", command: [], cells: 1 },
    { stack: "prod", expression: "cron(0 5 ? * WED *)", image: /^ghcr\.io\/example\/resilience\/chaos@sha256:[0-9a-f]{64}$/, command: ["--allow-production", "prod"], cells: 2 },
] as const;

for (const expected of STACKS) {
    describe(`Pulumi.${expected.stack}.yaml: the scheduled game-day on AWS`, () => {
        let run: ProgramRun;
        let schedule: RegisteredResource;
        let task: RegisteredResource;
        let container: Record<string, any>;
        before(async () => {
            run = await runProgram(expected.stack);
            schedule = one(run, T.schedule);
            task = one(run, T.task);
            container = JSON.parse(task.inputs.containerDefinitions)[0];
        });

        it(`runs on the stack's cron as Scheduler writes it, ${expected.expression}, in UTC, without a flexible window or retries`, () => {
            assert.equal(schedule.inputs.scheduleExpression, expected.expression);
            assert.equal(schedule.inputs.scheduleExpressionTimezone, "UTC");
            assert.deepEqual(schedule.inputs.flexibleTimeWindow, { mode: "OFF" });
            assert.equal(schedule.inputs.target.retryPolicy.maximumRetryAttempts, 0);
        });

        it("starts one Fargate task of its own definition in its own cluster, in the spec's private subnets, with no public IP", () => {
            const { target } = schedule.inputs;
            const cluster = one(run, T.cluster);
            assert.equal(target.arn, cluster.state.arn);
            const ecs = target.ecsParameters;
            assert.equal(ecs.taskDefinitionArn, task.state.arn);
            assert.equal(ecs.launchType, "FARGATE");
            assert.equal(ecs.taskCount, 1);
            const spec = readFileSync(join(REPO_ROOT, `Pulumi.${expected.stack}.yaml`), "utf8");
            const subnets = [...spec.matchAll(/- (subnet-[0-9a-f]+)/g)].map((m) => m[1]);
            assert.deepEqual(ecs.networkConfiguration.subnets, subnets);
            assert.equal(ecs.networkConfiguration.assignPublicIp, false);
            const sg = one(run, T.sg, "gameday-sg");
            assert.deepEqual(ecs.networkConfiguration.securityGroups, [sg.id]);
        });

        it("its security group reaches only the cells' databases on 5432 and HTTPS, and each database lets it in", () => {
            const sg = one(run, T.sg, "gameday-sg");
            assert.deepEqual(sg.inputs.ingress ?? [], []);
            const egress = ofType(run, T.egress).filter((r) => r.inputs.securityGroupId === sg.id);
            const databaseGroups = ofType(run, T.sg).filter((g) => String(g.inputs.name).endsWith("-db"));
            assert.equal(databaseGroups.length, expected.cells);
            assert.deepEqual(
                egress.map((e) => [e.inputs.fromPort, e.inputs.referencedSecurityGroupId ?? e.inputs.cidrIpv4]).sort(),
                [...databaseGroups.map((g) => [5432, g.id]), [443, "0.0.0.0/0"]].sort(),
            );
            for (const database of databaseGroups) {
                const ingress = ofType(run, T.ingress).filter((r) => r.inputs.securityGroupId === database.id && r.inputs.referencedSecurityGroupId === sg.id);
                assert.equal(ingress.length, 1, database.name);
                assert.equal(ingress[0]?.inputs.fromPort, 5432);
            }
        });

        it("runs the stack's image through the game-day entrypoint, as the runner role, logging to an encrypted log group", () => {
            assert.deepEqual(task.inputs.requiresCompatibilities, ["FARGATE"]);
            assert.equal(task.inputs.networkMode, "awsvpc");
            if (typeof expected.image === "string") {
                assert.equal(container.image, expected.image);
            } else {
                assert.match(container.image, expected.image);
            }
            assert.deepEqual(container.entryPoint, ["/usr/local/bin/gameday-task"]);
            assert.deepEqual(container.command, expected.command);
            const env = Object.fromEntries(container.environment.map((e: { name: string; value: string }) => [e.name, e.value]));
            assert.equal(env.GAMEDAY_STACK, expected.stack);
            const bucket = one(run, T.bucket);
            assert.equal(env.GAMEDAY_REPORTS_S3_URI, `s3://${bucket.state.bucket}/${expected.stack}/`);
            const runner = ofType(run, T.role).find((r) => r.inputs.name === `${expected.stack}-gameday-runner`);
            assert.equal(task.inputs.taskRoleArn, runner?.state.arn);
            assert.notEqual(task.inputs.executionRoleArn, task.inputs.taskRoleArn, "a separate execution role");
            const logs = one(run, T.logs, "gameday-logs");
            assert.equal(container.logConfiguration.logDriver, "awslogs");
            assert.equal(container.logConfiguration.options["awslogs-group"], logs.inputs.name);
            assert.equal(logs.inputs.kmsKeyId, one(run, T.key, "gameday-reports-key").state.arn);
            assert.ok(logs.inputs.retentionInDays > 0);
        });

        it("every role it adds is least privilege and scoped to its own resources", () => {
            const execution = one(run, T.role, "gameday-execution");
            const scheduler = one(run, T.role, "gameday-scheduler");
            const executionPolicy = policyOf(one(run, T.rolePolicy, "gameday-execution-logs"));
            const schedulerPolicy = policyOf(one(run, T.rolePolicy, "gameday-scheduler-run-task"));
            const reportsPolicy = policyOf(one(run, T.rolePolicy, "gameday-reports-runner-access"));
            for (const [what, statements] of [["execution", executionPolicy], ["scheduler", schedulerPolicy], ["runner's reports", reportsPolicy]] as const) {
                assertLeastPrivilege(statements, what);
            }
            // Trust: each service of this account only.
            assert.deepEqual(policyOf(execution, "assumeRolePolicy")[0]?.Principal, { Service: "ecs-tasks.amazonaws.com" });
            assert.deepEqual(policyOf(scheduler, "assumeRolePolicy")[0]?.Condition, { StringEquals: { "aws:SourceAccount": ACCOUNT_ID } });
            // Execution: its log group's streams.
            const logs = one(run, T.logs, "gameday-logs");
            assert.deepEqual(executionPolicy.flatMap((s) => list(s.Resource)), [`${logs.state.arn}:*`]);
            // Scheduler: run this family in this cluster; pass only the two task roles, only to ECS.
            const runTask = schedulerPolicy.find((s) => list(s.Action).includes("ecs:RunTask"));
            assert.deepEqual(list(runTask!.Resource), [`arn:aws:ecs:${REGION}:${ACCOUNT_ID}:task-definition/${expected.stack}-gameday:*`]);
            assert.deepEqual(runTask!.Condition, { ArnEquals: { "ecs:cluster": one(run, T.cluster).state.arn } });
            const pass = schedulerPolicy.find((s) => list(s.Action).includes("iam:PassRole"));
            assert.deepEqual(list(pass!.Resource).sort(), [task.inputs.executionRoleArn, task.inputs.taskRoleArn].sort());
            assert.deepEqual(pass!.Condition, { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } });
            // Runner: its stack's prefix of the bucket, the key only through S3.
            const bucket = one(run, T.bucket).state;
            const objects = reportsPolicy.find((s) => list(s.Action).includes("s3:PutObject"));
            assert.deepEqual(list(objects!.Resource), [`${bucket.arn}/${expected.stack}/*`]);
            const listing = reportsPolicy.find((s) => list(s.Action).includes("s3:ListBucket"));
            assert.deepEqual(listing!.Condition, { StringLike: { "s3:prefix": [`${expected.stack}/`, `${expected.stack}/*`] } });
            const kms = reportsPolicy.find((s) => list(s.Action).some((a) => a.startsWith("kms:")));
            assert.deepEqual(kms!.Condition, { StringEquals: { "kms:ViaService": `s3.${REGION}.amazonaws.com` } });
        });

        it("keeps reports in a private, KMS-encrypted, versioned, TLS-only bucket whose old reports expire", () => {
            const byType = (type: string) => one(run, type).inputs;
            const key = one(run, T.key, "gameday-reports-key");
            assert.equal(key.inputs.enableKeyRotation, true);
            const encryption = byType("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration");
            assert.deepEqual(encryption.rules[0].applyServerSideEncryptionByDefault, { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.state.arn });
            const block = byType("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock");
            for (const flag of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) {
                assert.equal(block[flag], true, flag);
            }
            assert.equal(byType("aws:s3/bucketOwnershipControls:BucketOwnershipControls").rule.objectOwnership, "BucketOwnerEnforced");
            assert.equal(byType("aws:s3/bucketVersioning:BucketVersioning").versioningConfiguration.status, "Enabled");
            const [lifecycle] = byType("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").rules;
            assert.equal(lifecycle.status, "Enabled");
            assert.equal(lifecycle.expiration.days, 400);
            assert.equal(lifecycle.noncurrentVersionExpiration.noncurrentDays, 30);
            const [tls] = JSON.parse(byType("aws:s3/bucketPolicy:BucketPolicy").policy).Statement;
            assert.equal(tls.Effect, "Deny");
            assert.deepEqual(tls.Condition, { Bool: { "aws:SecureTransport": "false" } });
            // The key lets CloudWatch Logs use it for this log group only.
            const logsStatement = policyOf(key).find((s) => JSON.stringify(s.Principal).includes("logs."));
            assert.deepEqual(logsStatement?.Condition, {
                ArnEquals: { "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:/resilience/${expected.stack}/gameday` },
            });
        });

        it("sends the task's exit code, chaos's verdict, to the alarm topic when the task stops", () => {
            const rule = one(run, T.rule);
            const pattern = JSON.parse(rule.inputs.eventPattern);
            assert.deepEqual(pattern.source, ["aws.ecs"]);
            assert.deepEqual(pattern["detail-type"], ["ECS Task State Change"]);
            assert.deepEqual(pattern.detail.lastStatus, ["STOPPED"]);
            assert.deepEqual(pattern.detail.clusterArn, [one(run, T.cluster).state.arn]);
            assert.deepEqual(pattern.detail.taskDefinitionArn, [{ prefix: `arn:aws:ecs:${REGION}:${ACCOUNT_ID}:task-definition/${expected.stack}-gameday:` }]);
            const target = one(run, T.target);
            const topic = one(run, T.topic);
            assert.equal(target.inputs.arn, topic.state.arn);
            assert.ok(dependenciesOf(run, target, "rule").includes(rule));
            const transformer = target.inputs.inputTransformer;
            assert.equal(transformer.inputPaths.exitCode, "$.detail.containers[0].exitCode");
            const text = JSON.parse(transformer.inputTemplate) as string;
            assert.match(text, /exit code <exitCode> \(0 every target met, 1 a target missed, 2 bad usage or stack file, 3 aborted/);
            assert.ok(text.includes(`s3://${one(run, T.bucket).state.bucket}/${expected.stack}/`));
        });

        it("pages the alarm topic when Scheduler does not start the task: its own group's failure metrics and a dead-letter queue", () => {
            const group = one(run, T.scheduleGroup);
            assert.equal(group.inputs.name, `${expected.stack}-gameday`);
            assert.equal(schedule.inputs.groupName, group.state.name, "alone in its group, so the group's metrics are the schedule's");
            const queue = one(run, T.queue);
            assert.equal(schedule.inputs.target.deadLetterConfig.arn, queue.state.arn);
            assert.equal(queue.inputs.sqsManagedSseEnabled, true);
            assert.equal(queue.inputs.messageRetentionSeconds, 14 * 24 * 3600);
            // Scheduler sends to the queue as the schedule's role, and may send nowhere else.
            const send = policyOf(one(run, T.rolePolicy, "gameday-scheduler-run-task")).find((s) => list(s.Action).includes("sqs:SendMessage"));
            assert.deepEqual(list(send!.Resource), [queue.state.arn]);
            const topic = one(run, T.topic).state.arn;
            const alarms = ofType(run, T.alarm).filter((a) => a.name.startsWith("gameday-start-"));
            const watched = alarms.map((a) => `${a.inputs.namespace} ${a.inputs.metricName} ${JSON.stringify(a.inputs.dimensions)}`).sort();
            assert.deepEqual(watched, [
                `AWS/SQS ApproximateNumberOfMessagesVisible {"QueueName":"${queue.state.name}"}`,
                `AWS/Scheduler InvocationDroppedCount {"ScheduleGroup":"${group.state.name}"}`,
                `AWS/Scheduler TargetErrorCount {"ScheduleGroup":"${group.state.name}"}`,
            ]);
            for (const alarm of alarms) {
                assert.deepEqual(alarm.inputs.alarmActions, [topic], alarm.name);
                // Any one failure pages, within the policy pack's bounds on periods.
                assert.equal(alarm.inputs.comparisonOperator, "GreaterThanThreshold");
                assert.equal(alarm.inputs.threshold, 0);
                assert.ok(alarm.inputs.period * alarm.inputs.evaluationPeriods <= 300, alarm.name);
            }
        });

        it("the topic's policy and key let EventBridge of this account publish", () => {
            const topicPolicy = one(run, T.topicPolicy);
            const events = policyOf(topicPolicy).find((s) => JSON.stringify(s.Principal) === JSON.stringify({ Service: "events.amazonaws.com" }));
            assert.equal(events?.Action, "sns:Publish");
            assert.deepEqual(events?.Condition, { StringEquals: { "aws:SourceAccount": ACCOUNT_ID } });
            const cloudwatch = policyOf(topicPolicy).find((s) => JSON.stringify(s.Principal) === JSON.stringify({ Service: "cloudwatch.amazonaws.com" }));
            assert.ok(cloudwatch, "the alarms keep publishing under the topic policy");
            const key = one(run, T.key, "alarms-key");
            const eventsKey = policyOf(key).find((s) => JSON.stringify(s.Principal) === JSON.stringify({ Service: "events.amazonaws.com" }));
            assert.deepEqual(eventsKey?.Action, ["kms:Decrypt", "kms:GenerateDataKey*"]);
        });
    });
}

describe("a schedule EventBridge Scheduler cannot express", () => {
    it("fails the program with one line naming the stack file and key", async () => {
        const file = join(mkdtempSync(join(tmpdir(), "gameday-cron-")), "Pulumi.both-days.yaml");
        const staging = readFileSync(join(REPO_ROOT, "Pulumi.staging.yaml"), "utf8");
        // The 1st of the month or any Tuesday: crontab's "either day", which Scheduler has no form for.
        writeFileSync(file, staging.replace('schedule: "0 4 * * 2"', 'schedule: "0 4 1 * 2"'));
        await assert.rejects(runProgram(file), (e: Error) => {
            assert.equal(e.message.split("\n")[0], 'Pulumi.both-days.yaml: resilience:gameday.schedule: "0 4 1 * 2" restricts both day-of-month and day-of-week (crontab runs when either matches), which EventBridge Scheduler cannot express; restrict only one of them');
            return true;
        });
    });
});
