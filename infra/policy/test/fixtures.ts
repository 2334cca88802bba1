// A small Aurora stack that passes every policy, as policy tests' starting point: each test breaks
// one thing and expects one violation.
import { ResourceType } from "../resources";
import { TestResource } from "./validation-args";

const region = "eu-central-1";
const account = "123456789012";

/** Options of {@link auroraStack}. */
export interface AuroraStackOptions {
    stack?: string;
    /** Availability zones the readers are spread over, in order. */
    zones?: string[];
    /** How many readers besides the tier-0 failover target. */
    extraReaders?: number;
}

/** The resources of one healthy Aurora cell: cluster, instances, endpoint, alarms, topic, FIS. */
export function auroraStack(options: AuroraStackOptions = {}): TestResource[] {
    const stack = options.stack ?? "staging";
    const zones = options.zones ?? [`${region}a`, `${region}b`, `${region}c`];
    const clusterIdentifier = `resilience-${stack}-eu-1`;
    const topicArn = `arn:aws:sns:${region}:${account}:resilience-${stack}-alarms`;
    const at = <T extends TestResource>(resource: T): T => ({ ...resource, stack });

    const instance = (name: string, tier: number, zone: string, instanceClass: string, role?: string): TestResource => at({
        type: ResourceType.rdsClusterInstance,
        name,
        props: {
            clusterIdentifier,
            identifier: `${clusterIdentifier}-${name}`,
            instanceClass,
            availabilityZone: zone,
            promotionTier: tier,
            publiclyAccessible: false,
            engine: "aurora-postgresql",
            ...(role ? { tags: { "resilience:role": role } } : {}),
        },
    });

    const alarm = (name: string, metricName: string, role?: string): TestResource => at({
        type: ResourceType.metricAlarm,
        name,
        props: {
            name: `${clusterIdentifier}-${name}`,
            arn: `arn:aws:cloudwatch:${region}:${account}:alarm:${clusterIdentifier}-${name}`,
            namespace: "AWS/RDS",
            metricName,
            dimensions: role ? { DBClusterIdentifier: clusterIdentifier, Role: role } : { DBClusterIdentifier: clusterIdentifier },
            comparisonOperator: "GreaterThanThreshold",
            threshold: 80,
            period: 60,
            evaluationPeriods: 3,
            statistic: "Average",
            alarmActions: [topicArn],
            okActions: [topicArn],
            treatMissingData: "breaching",
        },
    });

    const readers = [instance("eu-1-failover-0", 0, zones[1 % zones.length], "db.r6g.large")];
    for (let index = 0; index < (options.extraReaders ?? 2); index++) {
        readers.push(instance(`eu-1-readers-${index}`, 2, zones[(index + 2) % zones.length], "db.r6g.xlarge"));
    }

    const failoverRoleArn = `arn:aws:iam::${account}:role/resilience-${stack}-fis-primary-failure`;
    return [
        at({
            type: ResourceType.rdsCluster,
            name: "eu-1",
            props: {
                clusterIdentifier,
                engine: "aurora-postgresql",
                engineVersion: "15.4",
                storageEncrypted: true,
                deletionProtection: true,
                skipFinalSnapshot: false,
                finalSnapshotIdentifier: `${clusterIdentifier}-final`,
                backupRetentionPeriod: 7,
                dbClusterParameterGroupName: "resilience-eu-1-params",
                availabilityZones: zones,
            },
        }),
        at({
            type: ResourceType.rdsClusterParameterGroup,
            name: "eu-1-params",
            props: {
                name: "resilience-eu-1-params",
                family: "aurora-postgresql15",
                parameters: [
                    { name: "apg_ccm_enabled", value: "1", applyMethod: "pending-reboot" },
                    { name: "shared_preload_libraries", value: "pg_stat_statements,pg_prewarm", applyMethod: "pending-reboot" },
                ],
            },
        }),
        instance("eu-1-writer", 0, zones[0], "db.r6g.large", "writer"),
        ...readers,
        at({
            type: ResourceType.rdsClusterEndpoint,
            name: "eu-1-warm-readers",
            props: {
                clusterIdentifier,
                clusterEndpointIdentifier: "warm-readers",
                customEndpointType: "READER",
                staticMembers: readers.map((reader) => reader.props.identifier),
            },
            ignoreChanges: ["staticMembers"],
        }),
        at({ type: ResourceType.snsTopic, name: "alarms", props: { name: `resilience-${stack}-alarms`, arn: topicArn } }),
        at({ type: ResourceType.snsTopicSubscription, name: "alarms-email-1", props: { topic: topicArn, protocol: "email", endpoint: "oncall@example.com" } }),
        alarm("writer-cpu-high", "CPUUtilization", "WRITER"),
        alarm("reader-cpu-high", "CPUUtilization", "READER"),
        alarm("replica-lag-high", "AuroraReplicaLag", "READER"),
        alarm("freeable-memory-low", "FreeableMemory"),
        alarm("connections-high", "DatabaseConnections"),
        alarm("disk-queue-high", "DiskQueueDepth"),
        { ...alarm("warm-readers-low", "HealthyWarmReplicas"), props: { ...alarm("warm-readers-low", "HealthyWarmReplicas").props, namespace: "Resilience/WarmupGate", comparisonOperator: "LessThanThreshold", threshold: 2, evaluationPeriods: 1 } },
        at({
            type: ResourceType.iamRole,
            name: "fis-primary-failure",
            props: {
                name: `resilience-${stack}-fis-primary-failure`,
                arn: failoverRoleArn,
                assumeRolePolicy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Principal: { Service: "fis.amazonaws.com" }, Action: "sts:AssumeRole" }],
                }),
            },
        }),
        at({
            type: ResourceType.iamRolePolicy,
            name: "fis-primary-failure-permissions",
            props: {
                role: `resilience-${stack}-fis-primary-failure`,
                policy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: [
                        { Effect: "Allow", Action: ["rds:FailoverDBCluster"], Resource: `arn:aws:rds:${region}:${account}:cluster:${clusterIdentifier}` },
                        { Effect: "Allow", Action: ["rds:DescribeDBClusters"], Resource: "*" },
                    ],
                }),
            },
        }),
        at({
            type: ResourceType.fisExperimentTemplate,
            name: "primary-failure",
            props: {
                description: "Fail over the writer of eu-1",
                roleArn: failoverRoleArn,
                actions: [{ name: "failover", actionId: "aws:rds:failover-db-cluster", target: { key: "Clusters", value: "cluster" } }],
                targets: [{ name: "cluster", resourceType: "aws:rds:cluster", selectionMode: "ALL", resourceArns: [`arn:aws:rds:${region}:${account}:cluster:${clusterIdentifier}`] }],
                stopConditions: [{ source: "aws:cloudwatch:alarm", value: `arn:aws:cloudwatch:${region}:${account}:alarm:${clusterIdentifier}-writer-cpu-high` }],
            },
        }),
    ];
}

/** A healthy CloudNativePG cluster resource. */
export function cnpgCluster(stack = "prod", spec: Record<string, unknown> = {}): TestResource {
    return {
        type: ResourceType.cnpgCluster,
        name: "default",
        stack,
        props: {
            apiVersion: "postgresql.cnpg.io/v1",
            kind: "Cluster",
            metadata: { name: "resilience-default", namespace: "databases" },
            spec: {
                instances: 3,
                imageName: "ghcr.io/cloudnative-pg/postgresql:15.4",
                affinity: {
                    enablePodAntiAffinity: true,
                    podAntiAffinityType: "required",
                    topologyKey: "kubernetes.io/hostname",
                    nodeAffinity: {
                        requiredDuringSchedulingIgnoredDuringExecution: {
                            nodeSelectorTerms: [{ matchExpressions: [{ key: "topology.kubernetes.io/zone", operator: "In", values: ["eu-central-1a", "eu-central-1b", "eu-central-1c"] }] }],
                        },
                    },
                },
                topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule" }],
                probes: { readiness: { type: "streaming", maximumLag: "16Mi" } },
                postgresql: { synchronous: { method: "any", number: 1, dataDurability: "required" } },
                storage: { size: "50Gi" },
                backup: { retentionPolicy: "14d", barmanObjectStore: { destinationPath: "s3://backups/resilience-default", s3Credentials: { inheritFromIAMRole: true } } },
                ...spec,
            },
        },
    };
}

/** What a healthy production CloudNativePG cluster has beside it: a scheduled base backup and its alerts. */
export function cnpgCompanions(stack = "prod"): TestResource[] {
    return [
        {
            type: ResourceType.cnpgScheduledBackup,
            name: "default-base-backup",
            stack,
            props: { apiVersion: "postgresql.cnpg.io/v1", kind: "ScheduledBackup", spec: { schedule: "0 0 1 * * *", cluster: { name: "resilience-default" } } },
        },
        {
            type: ResourceType.prometheusRule,
            name: "default-alarms-rule",
            stack,
            props: {
                spec: { groups: [{ name: "resilience", rules: [{ alert: "replica-lag-high", expr: 'max(cnpg_pg_replication_lag{namespace="databases",pod=~"resilience-default-[0-9]+"}) > 1' }] }] },
            },
        },
    ];
}

/** The resource of a fixture, by name; throws when absent so a test cannot silently edit nothing. */
export function named(resources: TestResource[], name: string, type?: string): TestResource {
    const resource = resources.find((r) => r.name === name && (type === undefined || r.type === type));
    if (!resource) {
        throw new Error(`fixture has no resource "${name}"`);
    }
    return resource;
}

/** A copy of a fixture with one resource's props changed. */
export function withProps(resources: TestResource[], name: string, props: Record<string, unknown>, type?: string): TestResource[] {
    const target = named(resources, name, type);
    return resources.map((resource) => resource === target ? { ...resource, props: { ...resource.props, ...props } } : resource);
}

/** A copy of a fixture without the named resources. */
export function without(resources: TestResource[], ...names: string[]): TestResource[] {
    return resources.filter((resource) => !names.includes(resource.name));
}
