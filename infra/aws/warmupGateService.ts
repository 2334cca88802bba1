/**
 * The warm-up gate controller of an AWS stack: `healthprobes gate` (src/HealthProbes) as an always-on ECS Fargate
 * service of one task, in the stack's private subnets, for every cell. It warms every reader of each cluster over
 * SQL and keeps the `warm-readers` custom endpoint's static members to the warm ones (docs/infrastructure.md).
 * Fargate rather than a Lambda: the controller holds state between ticks (each reader's gate, its running
 * warm-up, which can take hours on a cold volume) and ticks every second, longer than a Lambda may run.
 * Its role may only describe its clusters, edit their warm-readers endpoints, put its own metric namespace,
 * and connect to each cluster as the probe user with IAM database auth.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { HEALTHPROBES, gateArguments } from "../healthProbesContract";
import { HEALTHY_WARM_REPLICAS_METRIC, POSTGRES_PORT, WARMUP_GATE_NAMESPACE } from "./constants";
import { ecsExecutionRole, ecsTasksTrust } from "./ecsTaskRoles";

/** One cell the gate controls. */
export interface WarmupGateCell {
    readonly clusterIdentifier: pulumi.Input<string>;
    /** DbClusterResourceId (`cluster-...`): rds-db:connect names it. */
    readonly clusterResourceId: pulumi.Input<string>;
    /** The warm-readers custom endpoint's identifier. */
    readonly readEndpointIdentifier: pulumi.Input<string>;
    /** The cluster's security group: the task is let in on the PostgreSQL port. */
    readonly databaseSecurityGroupId: pulumi.Input<string>;
}

export interface WarmupGateServiceArgs {
    readonly stack: string;
    /** The HealthProbes image (config `healthprobes:image`). */
    readonly image: string;
    readonly vpcId: string;
    /** The spec's private subnets: no public IP; AWS APIs through NAT or VPC endpoints. */
    readonly subnetIds: readonly string[];
    readonly cells: readonly WarmupGateCell[];
    readonly tags: Record<string, string>;
}

/** Fargate's smallest size: the controller is a loop of small queries and a warm-up paced by the policy's I/O rate. */
export const GATE_TASK_CPU = "256";
export const GATE_TASK_MEMORY = "512";
export const GATE_LOG_RETENTION_DAYS = 30;

export class WarmupGateService extends pulumi.ComponentResource {
    readonly service: aws.ecs.Service;
    readonly taskRole: aws.iam.Role;
    readonly taskDefinition: aws.ecs.TaskDefinition;

    constructor(name: string, args: WarmupGateServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("resilience:aws:WarmupGateService", name, {}, opts);
        const parent = { parent: this };
        const { stack, tags } = args;
        const family = `${stack}-warmup-gate`;
        const caller = aws.getCallerIdentityOutput({}, parent);
        const region = aws.getRegionOutput({}, parent);
        const arn = (service: string, resource: pulumi.Input<string>) => pulumi.interpolate`arn:aws:${service}:${region.region}:${caller.accountId}:${resource}`;

        const logs = new aws.cloudwatch.LogGroup(`${name}-logs`, { name: `/resilience/${stack}/warmup-gate`, retentionInDays: GATE_LOG_RETENTION_DAYS, tags }, parent);
        const executionRole = ecsExecutionRole(
            name,
            { family, description: `ECS pulls ${family}'s image and writes its logs`, accountId: caller.accountId, logGroupArn: logs.arn, tags },
            parent,
        );

        this.taskRole = new aws.iam.Role(
            `${name}-task`,
            { name: `${family}`.slice(0, 64), description: `${family}: describe its clusters, edit their warm-readers endpoints, put its metric, connect as ${HEALTHPROBES.probeRole}`, assumeRolePolicy: ecsTasksTrust(caller.accountId), tags },
            parent,
        );
        new aws.iam.RolePolicy(`${name}-task-policy`, { role: this.taskRole.name, policy: gatePolicy(args.cells, arn) }, parent);

        this.taskDefinition = new aws.ecs.TaskDefinition(
            `${name}-taskdef`,
            {
                family,
                requiresCompatibilities: ["FARGATE"],
                networkMode: "awsvpc",
                cpu: GATE_TASK_CPU,
                memory: GATE_TASK_MEMORY,
                runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
                executionRoleArn: executionRole.arn,
                taskRoleArn: this.taskRole.arn,
                volumes: [{ name: "state" }],
                containerDefinitions: pulumi.jsonStringify([
                    {
                        name: "healthprobes",
                        image: args.image,
                        essential: true,
                        user: String(HEALTHPROBES.image.uid),
                        readonlyRootFilesystem: true,
                        // TLS verified against the RDS CA bundle the image carries (the gate refuses Aurora without one).
                        command: gateArguments(stack, [
                            HEALTHPROBES.options.pgUser, HEALTHPROBES.probeRole, HEALTHPROBES.options.iamAuth, "true", HEALTHPROBES.options.pgCaFile, HEALTHPROBES.image.rdsCaBundle,
                        ]),
                        environment: [
                            { name: "AWS_REGION", value: region.region },
                            { name: "DOTNET_EnableDiagnostics", value: "0" },
                        ],
                        portMappings: [{ containerPort: HEALTHPROBES.port, protocol: "tcp" }],
                        mountPoints: [{ sourceVolume: "state", containerPath: HEALTHPROBES.image.stateDir }],
                        logConfiguration: {
                            logDriver: "awslogs",
                            options: { "awslogs-group": logs.name, "awslogs-region": region.region, "awslogs-stream-prefix": "gate" },
                        },
                    },
                ]),
                tags,
            },
            parent,
        );

        const cluster = new aws.ecs.Cluster(`${name}-cluster`, { name: family, tags }, parent);
        const securityGroup = new aws.ec2.SecurityGroup(`${name}-sg`, { name: `${family}-task`, description: `${family}: no ingress`, vpcId: args.vpcId, tags }, parent);
        args.cells.forEach((cell, i) => {
            new aws.vpc.SecurityGroupEgressRule(
                `${name}-to-db-${i + 1}`,
                { securityGroupId: securityGroup.id, referencedSecurityGroupId: cell.databaseSecurityGroupId, ipProtocol: "tcp", fromPort: POSTGRES_PORT, toPort: POSTGRES_PORT, description: "PostgreSQL of the cell's readers" },
                parent,
            );
            new aws.vpc.SecurityGroupIngressRule(
                `${name}-into-db-${i + 1}`,
                { securityGroupId: cell.databaseSecurityGroupId, referencedSecurityGroupId: securityGroup.id, ipProtocol: "tcp", fromPort: POSTGRES_PORT, toPort: POSTGRES_PORT, description: `${family} task` },
                parent,
            );
        });
        new aws.vpc.SecurityGroupEgressRule(
            `${name}-to-https`,
            { securityGroupId: securityGroup.id, cidrIpv4: "0.0.0.0/0", ipProtocol: "tcp", fromPort: 443, toPort: 443, description: "RDS and CloudWatch APIs and the image registry, through NAT or VPC endpoints" },
            parent,
        );

        this.service = new aws.ecs.Service(
            `${name}-service`,
            {
                name: family,
                cluster: cluster.arn,
                taskDefinition: this.taskDefinition.arn,
                desiredCount: 1,
                launchType: "FARGATE",
                // One controller per stack, never two: a deployment stops the old task before it starts the new one.
                deploymentMinimumHealthyPercent: 0,
                deploymentMaximumPercent: 100,
                networkConfiguration: { subnets: [...args.subnetIds], securityGroups: [securityGroup.id], assignPublicIp: false },
                propagateTags: "SERVICE",
                tags,
            },
            parent,
        );
        this.registerOutputs({ service: this.service.name, taskRole: this.taskRole.arn });
    }
}

/** The task role's only permissions (the test pins every statement). */
export function gatePolicy(cells: readonly WarmupGateCell[], arn: (service: string, resource: pulumi.Input<string>) => pulumi.Output<string>): pulumi.Output<string> {
    const clusters = cells.map((c) => arn("rds", pulumi.interpolate`cluster:${c.clusterIdentifier}`));
    const endpoints = cells.map((c) => arn("rds", pulumi.interpolate`cluster-endpoint:${c.readEndpointIdentifier}`));
    return pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [
            { Sid: "DescribeOwnClusters", Effect: "Allow", Action: ["rds:DescribeDBClusters", "rds:DescribeDBClusterEndpoints"], Resource: [...clusters, ...endpoints] },
            // Readers that Aurora Auto Scaling adds are named application-autoscaling-<id>: only the instance type can be named.
            { Sid: "DescribeInstances", Effect: "Allow", Action: ["rds:DescribeDBInstances"], Resource: [arn("rds", "db:*")] },
            { Sid: "EditOwnWarmReadersEndpoints", Effect: "Allow", Action: ["rds:ModifyDBClusterEndpoint"], Resource: endpoints },
            {
                Sid: "PutOwnMetricNamespace",
                Effect: "Allow",
                Action: ["cloudwatch:PutMetricData"],
                Resource: "*",
                Condition: { StringEquals: { "cloudwatch:namespace": WARMUP_GATE_NAMESPACE } },
            },
            {
                Sid: "ConnectAsTheProbeUser",
                Effect: "Allow",
                Action: ["rds-db:connect"],
                Resource: cells.map((c) => arn("rds-db", pulumi.interpolate`dbuser:${c.clusterResourceId}/${HEALTHPROBES.probeRole}`)),
            },
        ],
    });
}

/** The metric the controller publishes, named where the alarm reads it (for the docs and tests). */
export const GATE_METRIC = { namespace: WARMUP_GATE_NAMESPACE, name: HEALTHY_WARM_REPLICAS_METRIC } as const;
