/**
 * Fault-injection experiment templates the chaos suite starts on AWS: a primary failure (cluster
 * failover) and a replica failure (reboot of one reader). Each stops itself when one of the cell's
 * alarms fires, and runs as a role that can do that one fault and nothing else.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { FIS_LOG_DELIVERY_ACTIONS } from "./constants";

export interface FisExperimentsArgs {
    readonly cluster: aws.rds.Cluster;
    /** Readers a replica failure may hit (one of them, at random); never the failover target when avoidable. */
    readonly replicaTargets: readonly aws.rds.ClusterInstance[];
    /** Alarm ARNs that stop an experiment (FIS allows at most 5). */
    readonly stopConditionAlarmArns: readonly pulumi.Input<string>[];
    /** Prefix of role names, e.g. the cluster identifier. */
    readonly namePrefix: string;
    readonly tags: Record<string, string>;
}

/** One experiment: the FIS action, its target and the IAM actions the role needs for it. */
interface Experiment {
    readonly scenario: string;
    readonly description: string;
    readonly actionId: string;
    readonly targetKey: string;
    readonly resourceType: string;
    readonly selectionMode: string;
    readonly resourceArns: pulumi.Input<string>[];
    readonly parameters?: { key: string; value: string }[];
    /** The fault itself, on the target resources only. */
    readonly faultAction: string;
    /** What FIS calls to resolve the targets; describe calls take no resource ARN. */
    readonly describeAction: string;
}

/** How long experiment logs are kept. */
export const FIS_LOG_RETENTION_DAYS = 90;


export class FisExperiments extends pulumi.ComponentResource {
    readonly logGroup: aws.cloudwatch.LogGroup;
    readonly primaryFailure: aws.fis.ExperimentTemplate;
    readonly replicaFailure: aws.fis.ExperimentTemplate;

    constructor(name: string, args: FisExperimentsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("resilience:aws:FisExperiments", name, {}, opts);
        if (args.replicaTargets.length === 0) {
            throw new Error(`${name}: a replica-failure experiment needs at least one reader`);
        }
        const stopConditions: aws.types.input.fis.ExperimentTemplateStopCondition[] = args.stopConditionAlarmArns.map((value) => ({
            source: "aws:cloudwatch:alarm",
            value,
        }));
        if (stopConditions.length === 0) {
            pulumi.log.warn(`${name}: no alarms to stop the experiments on; they can only be stopped by hand`, this);
            stopConditions.push({ source: "none" });
        }
        const caller = aws.getCallerIdentityOutput({}, { parent: this });
        const region = aws.getRegionOutput({}, { parent: this });
        // Every experiment writes its log here: what FIS did, to which target, and why it stopped.
        this.logGroup = new aws.cloudwatch.LogGroup(
            `${name}-log`,
            { name: `/aws/fis/${args.namePrefix}`, retentionInDays: FIS_LOG_RETENTION_DAYS, tags: args.tags },
            { parent: this },
        );
        const logConfiguration = {
            logSchemaVersion: 2,
            cloudwatchLogsConfiguration: { logGroupArn: pulumi.interpolate`${this.logGroup.arn}:*` },
        };

        const make = (e: Experiment): aws.fis.ExperimentTemplate => {
            const role = new aws.iam.Role(
                `${name}-${e.scenario}-role`,
                {
                    name: `${args.namePrefix}-fis-${e.scenario}`.slice(0, 64),
                    description: `FIS ${e.scenario} on ${args.namePrefix}: ${e.faultAction} only`,
                    assumeRolePolicy: pulumi.jsonStringify({
                        Version: "2012-10-17",
                        Statement: [
                            {
                                Effect: "Allow",
                                Principal: { Service: "fis.amazonaws.com" },
                                Action: "sts:AssumeRole",
                                // Only experiments of this account and region may use the role.
                                Condition: {
                                    StringEquals: { "aws:SourceAccount": caller.accountId },
                                    ArnLike: { "aws:SourceArn": pulumi.interpolate`arn:aws:fis:${region.region}:${caller.accountId}:experiment/*` },
                                },
                            },
                        ],
                    }),
                    tags: args.tags,
                },
                { parent: this },
            );
            new aws.iam.RolePolicy(
                `${name}-${e.scenario}-policy`,
                {
                    role: role.name,
                    policy: pulumi.jsonStringify({
                        Version: "2012-10-17",
                        Statement: [
                            { Sid: "Fault", Effect: "Allow", Action: [e.faultAction], Resource: e.resourceArns },
                            { Sid: "ResolveTargets", Effect: "Allow", Action: [e.describeAction], Resource: "*" },
                            // What FIS needs to deliver the experiment log to CloudWatch Logs.
                            { Sid: "ExperimentLog", Effect: "Allow", Action: [...FIS_LOG_DELIVERY_ACTIONS], Resource: "*" },
                        ],
                    }),
                },
                { parent: this },
            );
            return new aws.fis.ExperimentTemplate(
                `${name}-${e.scenario}`,
                {
                    description: e.description,
                    roleArn: role.arn,
                    stopConditions,
                    logConfiguration,
                    actions: [
                        {
                            name: e.scenario,
                            actionId: e.actionId,
                            target: { key: e.targetKey, value: "targets" },
                            parameters: e.parameters,
                        },
                    ],
                    targets: [{ name: "targets", resourceType: e.resourceType, selectionMode: e.selectionMode, resourceArns: e.resourceArns }],
                    tags: { ...args.tags, Name: `${args.namePrefix}-${e.scenario}`, "resilience:scenario": e.scenario },
                },
                { parent: this },
            );
        };

        this.primaryFailure = make({
            scenario: "primary-failure",
            description: `Fail over ${args.namePrefix}: the writer is lost, a reader is promoted`,
            actionId: "aws:rds:failover-db-cluster",
            targetKey: "Clusters",
            resourceType: "aws:rds:cluster",
            selectionMode: "ALL",
            resourceArns: [args.cluster.arn],
            faultAction: "rds:FailoverDBCluster",
            describeAction: "rds:DescribeDBClusters",
        });
        this.replicaFailure = make({
            scenario: "replica-hardware-failure",
            // What Aurora does, no more: the reader restarts without failover and drops its connections.
            // Aurora keeps it in the custom endpoint while it reboots; only the warm-up gate takes it out
            // of reads and puts it back once warm again.
            description: `Reboot one reader of ${args.namePrefix} without failover: its connections drop while it restarts; the warm-up gate keeps it out of reads until warm`,
            actionId: "aws:rds:reboot-db-instances",
            targetKey: "DBInstances",
            resourceType: "aws:rds:db",
            selectionMode: "COUNT(1)",
            resourceArns: args.replicaTargets.map((r) => r.arn),
            parameters: [{ key: "forceFailover", value: "false" }],
            faultAction: "rds:RebootDBInstance",
            describeAction: "rds:DescribeDBInstances",
        });

        this.registerOutputs({ primaryFailure: this.primaryFailure.id, replicaFailure: this.replicaFailure.id });
    }
}
