/**
 * The game-day on the stack's schedule on AWS: an EventBridge Scheduler schedule (the spec's cron,
 * converted by schedulerCron.ts) starts the chaos image as a one-off ECS Fargate task in the stack's
 * private subnets, as the game-day runner role (gamedayRunnerRole.ts) plus write access to its own
 * prefix of an encrypted, private, versioned reports bucket. The task's exit code is chaos's verdict;
 * an EventBridge rule on the task's STOPPED event publishes it to the stack's alarm topic. A start that
 * fails (no task, so no verdict) goes to a dead-letter queue and pages too (gamedayStartWatch.ts).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { GAMEDAY_TASK_ENTRYPOINT, CHAOS_IMAGE_UID, gamedayTaskArguments, gamedayTaskEnvironment } from "../gamedayTask";
import { POSTGRES_PORT } from "./constants";
import { ecsExecutionRole } from "./ecsTaskRoles";
import { GamedayReports } from "./gamedayReports";
import { GamedayStartWatch } from "./gamedayStartWatch";
import { SchedulerCronError, schedulerCronOf } from "./schedulerCron";

export interface ScheduledGamedayArgs {
    readonly stack: string;
    /** `resilience:gameday.schedule` (five-field crontab, UTC). */
    readonly schedule: string;
    /** `resilience:gameday.image`. */
    readonly image: string;
    /** Production stacks run with `--allow-production <stack>`. */
    readonly production: boolean;
    readonly vpcId: string;
    /** The spec's (private) subnets: the task gets no public IP and reaches AWS through NAT or endpoints. */
    readonly subnetIds: readonly string[];
    /** Each cell's database security group, which lets the task in on the PostgreSQL port. */
    readonly databaseSecurityGroupIds: readonly pulumi.Input<string>[];
    /** The game-day runner role: the task's role. */
    readonly runnerRole: aws.iam.Role;
    /** The stack's alarm topic, which receives the verdict. */
    readonly alarmTopicArn: pulumi.Input<string>;
    readonly tags: Record<string, string>;
}

/** Fargate size of the runner: the workload, its ledger and the reports, with room (1 vCPU, 2 GiB). */
export const GAMEDAY_TASK_CPU = "1024";
export const GAMEDAY_TASK_MEMORY = "2048";
/** Fargate's longest stop timeout: chaos gets that long after SIGTERM to restore the cluster. */
export const GAMEDAY_STOP_TIMEOUT_SECONDS = 120;
export const GAMEDAY_LOG_RETENTION_DAYS = 90;

export class ScheduledGameday extends pulumi.ComponentResource {
    readonly schedule: aws.scheduler.Schedule;
    readonly taskDefinition: aws.ecs.TaskDefinition;
    readonly reports: GamedayReports;

    constructor(name: string, args: ScheduledGamedayArgs, opts?: pulumi.ComponentResourceOptions) {
        super("resilience:aws:ScheduledGameday", name, {}, opts);
        const parent = { parent: this };
        const { stack, tags } = args;
        const family = `${stack}-gameday`;
        const caller = aws.getCallerIdentityOutput({}, parent);
        const region = aws.getRegionOutput({}, parent);
        const expression = scheduleExpressionOf(stack, args.schedule);

        this.reports = new GamedayReports(`${name}-reports`, { stack, runnerRole: args.runnerRole, tags }, parent);
        const logGroupName = `/resilience/${stack}/gameday`;
        const logs = new aws.cloudwatch.LogGroup(
            `${name}-logs`,
            { name: logGroupName, retentionInDays: GAMEDAY_LOG_RETENTION_DAYS, kmsKeyId: this.reports.key.arn, tags },
            parent,
        );

        const cluster = new aws.ecs.Cluster(`${name}-cluster`, { name: family, tags }, parent);
        const executionRole = ecsExecutionRole(
            name,
            {
                family,
                description: `ECS pulls ${family}'s image and writes its logs; the task itself runs as the game-day runner role`,
                accountId: caller.accountId,
                logGroupArn: logs.arn,
                tags,
            },
            parent,
        );

        this.taskDefinition = new aws.ecs.TaskDefinition(
            `${name}-task`,
            {
                family,
                requiresCompatibilities: ["FARGATE"],
                networkMode: "awsvpc",
                cpu: GAMEDAY_TASK_CPU,
                memory: GAMEDAY_TASK_MEMORY,
                // The image installs the x86_64 AWS CLI (Dockerfile).
                runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
                executionRoleArn: executionRole.arn,
                taskRoleArn: args.runnerRole.arn,
                containerDefinitions: pulumi.jsonStringify([
                    {
                        name: "chaos",
                        image: args.image,
                        essential: true,
                        user: String(CHAOS_IMAGE_UID),
                        entryPoint: [GAMEDAY_TASK_ENTRYPOINT],
                        command: gamedayTaskArguments(stack, args.production),
                        environment: [
                            ...gamedayTaskEnvironment(stack, pulumi.interpolate`s3://${this.reports.bucket.bucket}/${stack}/`),
                            { name: "AWS_REGION", value: region.region },
                        ],
                        stopTimeout: GAMEDAY_STOP_TIMEOUT_SECONDS,
                        logConfiguration: {
                            logDriver: "awslogs",
                            options: { "awslogs-group": logs.name, "awslogs-region": region.region, "awslogs-stream-prefix": "gameday" },
                        },
                    },
                ]),
                tags,
            },
            parent,
        );

        const securityGroup = new aws.ec2.SecurityGroup(
            `${name}-sg`,
            { name: `${family}-task`, description: `${family}: the game-day task; no ingress`, vpcId: args.vpcId, tags },
            parent,
        );
        // The VPC's default "all egress" is replaced by these two: the databases, and HTTPS for AWS APIs and the registry.
        args.databaseSecurityGroupIds.forEach((database, i) => {
            new aws.vpc.SecurityGroupEgressRule(
                `${name}-to-db-${i + 1}`,
                { securityGroupId: securityGroup.id, referencedSecurityGroupId: database, ipProtocol: "tcp", fromPort: POSTGRES_PORT, toPort: POSTGRES_PORT, description: "PostgreSQL of the cell" },
                parent,
            );
            new aws.vpc.SecurityGroupIngressRule(
                `${name}-into-db-${i + 1}`,
                { securityGroupId: database, referencedSecurityGroupId: securityGroup.id, ipProtocol: "tcp", fromPort: POSTGRES_PORT, toPort: POSTGRES_PORT, description: `${family} task` },
                parent,
            );
        });
        new aws.vpc.SecurityGroupEgressRule(
            `${name}-to-https`,
            { securityGroupId: securityGroup.id, cidrIpv4: "0.0.0.0/0", ipProtocol: "tcp", fromPort: 443, toPort: 443, description: "AWS APIs (RDS, FIS, CloudWatch, S3) and the image registry, through NAT or VPC endpoints" },
            parent,
        );

        const startWatch = new GamedayStartWatch(`${name}-start`, { family, alarmTopicArn: args.alarmTopicArn, tags }, parent);
        const schedulerRole = new aws.iam.Role(
            `${name}-scheduler`,
            {
                name: `${family}-scheduler`.slice(0, 64),
                description: `EventBridge Scheduler starts ${family} tasks, nothing else`,
                assumeRolePolicy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Principal: { Service: "scheduler.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": caller.accountId } } }],
                }),
                tags,
            },
            parent,
        );
        new aws.iam.RolePolicy(
            `${name}-scheduler-run-task`,
            {
                role: schedulerRole.name,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "RunOwnTaskInOwnCluster",
                            Effect: "Allow",
                            Action: ["ecs:RunTask"],
                            Resource: [pulumi.interpolate`${this.taskDefinition.arnWithoutRevision}:*`],
                            Condition: { ArnEquals: { "ecs:cluster": cluster.arn } },
                        },
                        {
                            Sid: "PassTheTaskRolesToEcsOnly",
                            Effect: "Allow",
                            Action: ["iam:PassRole"],
                            Resource: [executionRole.arn, args.runnerRole.arn],
                            Condition: { StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" } },
                        },
                        {
                            // Scheduler sends a failed invocation to the dead-letter queue as this role.
                            Sid: "ReportFailedStarts",
                            Effect: "Allow",
                            Action: ["sqs:SendMessage"],
                            Resource: [startWatch.deadLetterQueue.arn],
                        },
                    ],
                }),
            },
            parent,
        );

        this.schedule = new aws.scheduler.Schedule(
            `${name}-schedule`,
            {
                name: family,
                groupName: startWatch.scheduleGroup.name,
                description: `resilience game-day of ${stack}: resilience:gameday.schedule "${args.schedule}" (UTC)`,
                scheduleExpression: expression,
                scheduleExpressionTimezone: "UTC",
                flexibleTimeWindow: { mode: "OFF" },
                target: {
                    arn: cluster.arn,
                    roleArn: schedulerRole.arn,
                    ecsParameters: {
                        taskDefinitionArn: this.taskDefinition.arn,
                        launchType: "FARGATE",
                        platformVersion: "LATEST",
                        taskCount: 1,
                        networkConfiguration: { subnets: [...args.subnetIds], securityGroups: [securityGroup.id], assignPublicIp: false },
                    },
                    // A game-day is never retried blindly: a start that fails goes to the dead-letter queue and pages.
                    retryPolicy: { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 3600 },
                    deadLetterConfig: { arn: startWatch.deadLetterQueue.arn },
                },
            },
            parent,
        );

        const verdict = new aws.cloudwatch.EventRule(
            `${name}-verdict`,
            {
                name: `${family}-verdict`,
                description: `${family}: the task stopped; its exit code is chaos's verdict`,
                eventPattern: pulumi.jsonStringify({
                    source: ["aws.ecs"],
                    "detail-type": ["ECS Task State Change"],
                    detail: {
                        clusterArn: [cluster.arn],
                        lastStatus: ["STOPPED"],
                        taskDefinitionArn: [{ prefix: pulumi.interpolate`${this.taskDefinition.arnWithoutRevision}:` }],
                    },
                }),
                tags,
            },
            parent,
        );
        new aws.cloudwatch.EventTarget(
            `${name}-verdict-to-topic`,
            {
                rule: verdict.name,
                arn: args.alarmTopicArn,
                inputTransformer: {
                    inputPaths: VERDICT_INPUT_PATHS,
                    inputTemplate: pulumi.interpolate`"${verdictText(stack)} Reports: s3://${this.reports.bucket.bucket}/${stack}/ ; logs: ${logGroupName}."`,
                },
            },
            parent,
        );
        this.registerOutputs({ schedule: this.schedule.name, reportsBucket: this.reports.bucket.bucket });
    }
}

/** What the verdict message reads from the ECS task's STOPPED event (its one container is chaos). */
export const VERDICT_INPUT_PATHS = {
    exitCode: "$.detail.containers[0].exitCode",
    stopCode: "$.detail.stopCode",
    stoppedReason: "$.detail.stoppedReason",
    task: "$.detail.taskArn",
};

/** The verdict's text: chaos's exit codes (src/ChaosSuite/Verdicts/ExitCodes.cs) spelled out. */
export function verdictText(stack: string): string {
    return (
        `resilience ${stack} game-day finished: chaos exit code <exitCode> ` +
        "(0 every target met, 1 a target missed, 2 bad usage or stack file, 3 aborted; empty: the container never ran). " +
        "Stopped: <stopCode> <stoppedReason>. Task <task>."
    );
}

/** The schedule as Scheduler writes it, or the program's one-line error naming the stack file's key. */
function scheduleExpressionOf(stack: string, schedule: string): string {
    try {
        return schedulerCronOf(schedule);
    } catch (error) {
        if (error instanceof SchedulerCronError) {
            throw new pulumi.RunError(`Pulumi.${stack}.yaml: resilience:gameday.schedule: ${error.message}`);
        }
        throw error;
    }
}
