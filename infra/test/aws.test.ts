/**
 * The AWS realization of Pulumi.staging.yaml and Pulumi.prod.yaml under mocks: what issue 6 asks
 * of each cell (counts, zones, tiers, autoscaling, the warm endpoint, alarms to the topic, FIS with
 * alarm stop conditions and least-privilege roles) and that no input carries a password.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { DECRYPTED_SECRET_PREFIX, dependenciesOf, ofType, runProgram } from "./harness";
import type { ProgramRun, RegisteredResource } from "./harness";
import { FIS_LOG_DELIVERY_ACTIONS } from "../aws/constants";
import { passwordsIn } from "./inputs";

const T = {
    cluster: "aws:rds/cluster:Cluster",
    instance: "aws:rds/clusterInstance:ClusterInstance",
    endpoint: "aws:rds/clusterEndpoint:ClusterEndpoint",
    parameterGroup: "aws:rds/clusterParameterGroup:ClusterParameterGroup",
    subnetGroup: "aws:rds/subnetGroup:SubnetGroup",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    dashboard: "aws:cloudwatch/dashboard:Dashboard",
    topic: "aws:sns/topic:Topic",
    subscription: "aws:sns/topicSubscription:TopicSubscription",
    template: "aws:fis/experimentTemplate:ExperimentTemplate",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    scalingTarget: "aws:appautoscaling/target:Target",
    scalingPolicy: "aws:appautoscaling/policy:Policy",
} as const;

interface Expected {
    readonly stack: string;
    readonly cells: readonly string[];
    readonly zones: readonly string[];
    readonly subnets: number;
    readonly writerClass: string;
    /** Declared readers per cell. */
    readonly readers: number;
    readonly alarms: number;
    readonly readerCapacity: { min: number; max: number };
    readonly targetCpu: number;
    readonly engineVersion: string;
    readonly backupRetentionDays: number;
    readonly deletionProtection: boolean;
    readonly finalSnapshot: boolean;
    readonly kmsKeyId: string | undefined;
    readonly emails: number;
    readonly webhook: boolean;
}

const STACKS: readonly Expected[] = [
    {
        stack: "staging",
        cells: ["eu-1"],
        zones: ["eu-central-1a", "eu-central-1b"],
        subnets: 2,
        writerClass: "db.r6g.large",
        readers: 2,
        alarms: 8,
        readerCapacity: { min: 2, max: 4 },
        targetCpu: 60,
        engineVersion: "15.4",
        backupRetentionDays: 7,
        deletionProtection: false,
        finalSnapshot: false,
        kmsKeyId: undefined,
        emails: 1,
        webhook: false,
    },
    {
        stack: "prod",
        cells: ["eu-1", "eu-2"],
        zones: ["eu-central-1a", "eu-central-1b", "eu-central-1c"],
        subnets: 3,
        writerClass: "db.r6g.2xlarge",
        readers: 4,
        alarms: 8,
        readerCapacity: { min: 4, max: 10 },
        targetCpu: 55,
        engineVersion: "15.4",
        backupRetentionDays: 14,
        deletionProtection: true,
        finalSnapshot: true,
        kmsKeyId: "arn:aws:kms:eu-central-1:123456789012:key/6f1c2a9e-8d1b-4c7e-9a3f-2b5d7e9c1a40",
        emails: 1,
        webhook: true,
    },
];

/** The resources of one cell: every logical name starts with the cell's name. */
function inCell(resources: readonly RegisteredResource[], cell: string): RegisteredResource[] {
    return resources.filter((r) => r.name === cell || r.name.startsWith(`${cell}-`));
}

function only<T>(items: readonly T[], what: string): T {
    assert.equal(items.length, 1, `expected exactly one ${what}, got ${items.length}`);
    return items[0] as T;
}

for (const expected of STACKS) {
    describe(`Pulumi.${expected.stack}.yaml on aws`, () => {
        let run: ProgramRun;
        before(async () => {
            run = await runProgram(expected.stack);
        });

        it("declares one Aurora cluster per cell", () => {
            const clusters = ofType(run, T.cluster);
            assert.deepEqual(
                clusters.map((c) => c.inputs.clusterIdentifier).sort(),
                expected.cells.map((cell) => `${expected.stack}-${cell}`).sort(),
            );
        });

        it("no input carries a password; AWS manages the master password", () => {
            assert.deepEqual(run.resources.flatMap(passwordsIn), []);
            for (const cluster of ofType(run, T.cluster)) {
                assert.equal(cluster.inputs.manageMasterUserPassword, true);
                assert.equal(cluster.inputs.masterPassword, undefined);
            }
        });

        for (const cell of expected.cells) {
            describe(`cell ${cell}`, () => {
                const id = `${expected.stack}-${cell}`;
                let resources: RegisteredResource[];
                let cluster: RegisteredResource;
                let writer: RegisteredResource;
                let readers: RegisteredResource[];
                before(() => {
                    resources = inCell(run.resources, cell);
                    cluster = only(
                        resources.filter((r) => r.type === T.cluster),
                        "cluster",
                    );
                    const instances = resources.filter((r) => r.type === T.instance);
                    writer = only(
                        instances.filter((i) => i.inputs.tags["resilience:role"] === "writer"),
                        "writer",
                    );
                    readers = instances.filter((i) => i !== writer);
                });

                it("the cluster is encrypted, backed up, pinned, IAM-authenticated and logs to CloudWatch", () => {
                    const c = cluster.inputs;
                    assert.equal(c.engine, "aurora-postgresql");
                    assert.equal(c.engineVersion, expected.engineVersion);
                    assert.equal(c.storageEncrypted, true);
                    assert.equal(c.kmsKeyId, expected.kmsKeyId);
                    assert.equal(c.backupRetentionPeriod, expected.backupRetentionDays);
                    assert.equal(c.deletionProtection, expected.deletionProtection);
                    assert.equal(c.skipFinalSnapshot, !expected.finalSnapshot);
                    assert.equal(c.finalSnapshotIdentifier === undefined, !expected.finalSnapshot);
                    assert.equal(c.allowMajorVersionUpgrade, false);
                    assert.equal(c.iamDatabaseAuthenticationEnabled, true);
                    assert.equal(c.copyTagsToSnapshot, true);
                    assert.deepEqual(c.enabledCloudwatchLogsExports, ["postgresql"]);
                    assert.equal(c.databaseName, "app");
                });

                it("the subnet group spans the configured subnets", () => {
                    const group = only(dependenciesOf(run, cluster, "dbSubnetGroupName"), "subnet group");
                    assert.equal(group.type, T.subnetGroup);
                    assert.equal(group.inputs.subnetIds.length, expected.subnets);
                });

                it("cluster cache management is on in the cluster's parameter group", () => {
                    const group = only(dependenciesOf(run, cluster, "dbClusterParameterGroupName"), "parameter group");
                    assert.equal(group.type, T.parameterGroup);
                    assert.equal(group.inputs.family, "aurora-postgresql15");
                    const ccm = group.inputs.parameters.find((p: { name: string }) => p.name === "apg_ccm_enabled");
                    assert.equal(ccm?.value, "1");
                });

                it(`has a writer and ${expected.readers} readers of the cluster, none public, all with Performance Insights`, () => {
                    assert.equal(readers.length, expected.readers);
                    for (const instance of [writer, ...readers]) {
                        assert.equal(instance.inputs.clusterIdentifier, id);
                        assert.equal(instance.inputs.publiclyAccessible, false);
                        assert.equal(instance.inputs.performanceInsightsEnabled, true);
                        assert.equal(instance.inputs.performanceInsightsRetentionPeriod, 7);
                    }
                    assert.equal(writer.inputs.instanceClass, expected.writerClass);
                });

                it("spreads the readers over every configured zone, starting away from the writer", () => {
                    const zones = readers.map((r) => r.inputs.availabilityZone);
                    for (const zone of zones) {
                        assert.ok(expected.zones.includes(zone), `${zone} is not a configured zone`);
                    }
                    assert.equal(new Set(zones).size, Math.min(expected.zones.length, readers.length));
                    assert.equal(writer.inputs.availabilityZone, expected.zones[0]);
                    const target = readers.find((r) => r.inputs.promotionTier === 0);
                    assert.notEqual(target?.inputs.availabilityZone, writer.inputs.availabilityZone);
                });

                it("has exactly one tier-0 reader, of the writer's class; the others are tier 1 or higher", () => {
                    const tier0 = readers.filter((r) => r.inputs.promotionTier === 0);
                    assert.equal(tier0.length, 1, tier0.map((r) => r.name).join(", "));
                    assert.equal(tier0[0]?.inputs.instanceClass, writer.inputs.instanceClass);
                    assert.equal(writer.inputs.promotionTier, 0);
                    for (const reader of readers.filter((r) => r !== tier0[0])) {
                        assert.ok(reader.inputs.promotionTier >= 1, `${reader.name} has tier ${reader.inputs.promotionTier}`);
                    }
                });

                it("autoscales the reader count on reader CPU within the groups' bounds", () => {
                    const target = only(
                        resources.filter((r) => r.type === T.scalingTarget),
                        "scaling target",
                    );
                    assert.equal(target.inputs.serviceNamespace, "rds");
                    assert.equal(target.inputs.scalableDimension, "rds:cluster:ReadReplicaCount");
                    assert.equal(target.inputs.resourceId, `cluster:${id}`);
                    assert.equal(target.inputs.minCapacity, expected.readerCapacity.min);
                    assert.equal(target.inputs.maxCapacity, expected.readerCapacity.max);
                    const policy = only(
                        resources.filter((r) => r.type === T.scalingPolicy),
                        "scaling policy",
                    );
                    const tracking = policy.inputs.targetTrackingScalingPolicyConfiguration;
                    assert.equal(policy.inputs.policyType, "TargetTrackingScaling");
                    assert.equal(tracking.predefinedMetricSpecification.predefinedMetricType, "RDSReaderAverageCPUUtilization");
                    assert.equal(tracking.targetValue, expected.targetCpu);
                });

                it("reads go through a custom READER endpoint of the declared readers that ignores membership drift", () => {
                    const endpoint = only(
                        resources.filter((r) => r.type === T.endpoint),
                        "custom endpoint",
                    );
                    assert.equal(endpoint.inputs.customEndpointType, "READER");
                    assert.equal(endpoint.inputs.clusterIdentifier, id);
                    assert.equal(endpoint.inputs.clusterEndpointIdentifier, `${id}-warm-readers`);
                    assert.deepEqual([...endpoint.inputs.staticMembers].sort(), readers.map((r) => r.inputs.identifier).sort());
                    assert.ok(endpoint.options.ignoreChanges.includes("staticMembers"));
                    assert.ok(endpoint.options.ignoreChanges.includes("excludedMembers"));
                });

                it("has one alarm per spec alarm on the cluster, each wired to the topic", () => {
                    const topic = only(ofType(run, T.topic), "topic");
                    const alarms = resources.filter((r) => r.type === T.alarm);
                    assert.equal(alarms.length, expected.alarms);
                    for (const alarm of alarms) {
                        if (alarm.inputs.metricName === "DBLoad") {
                            // CloudWatch documents DBLoad per instance (DBInstanceIdentifier), not per cluster role.
                            assert.deepEqual(alarm.inputs.dimensions, { DBInstanceIdentifier: writer.inputs.identifier });
                        } else {
                            assert.equal(alarm.inputs.dimensions.DBClusterIdentifier, id);
                        }
                        assert.deepEqual(alarm.inputs.alarmActions, [topic.state.arn]);
                        assert.deepEqual(alarm.propertyDependencies.alarmActions, [topic.urn]);
                        assert.notEqual(alarm.inputs.treatMissingData, "notBreaching");
                    }
                    const readerCpu = only(
                        alarms.filter((a) => a.inputs.metricName === "CPUUtilization" && a.inputs.dimensions.Role === "READER"),
                        "reader CPU alarm",
                    );
                    assert.equal(readerCpu.inputs.comparisonOperator, "GreaterThanThreshold");
                    const lag = only(
                        alarms.filter((a) => a.inputs.metricName === "AuroraReplicaLag"),
                        "replica lag alarm",
                    );
                    assert.equal(lag.inputs.threshold % 1000, 0, "AuroraReplicaLag is in milliseconds");
                    const memory = only(
                        alarms.filter((a) => a.inputs.metricName === "FreeableMemory"),
                        "memory alarm",
                    );
                    assert.equal(memory.inputs.comparisonOperator, "LessThanThreshold");
                    assert.equal(memory.inputs.treatMissingData, "breaching");
                });

                it("alarms on the warm-reader count (the gate's), which goes to INSUFFICIENT_DATA rather than ALARM while unpublished", () => {
                    const warm = only(resources.filter((r) => r.type === T.alarm && r.inputs.metricName === "HealthyWarmReplicas"), "warm readers alarm");
                    assert.equal(warm.inputs.namespace, "Resilience/WarmupGate");
                    assert.equal(warm.inputs.comparisonOperator, "LessThanThreshold");
                    assert.equal(warm.inputs.treatMissingData, "missing");
                    assert.equal(resources.filter((r) => r.type === T.alarm && r.inputs.metricName === "ReplicaCount").length, 0);
                });

                it("declares the windows, the engine lifecycle and a final snapshot name unique to the cluster's life", () => {
                    assert.equal(cluster.inputs.preferredMaintenanceWindow, expected.stack === "prod" ? "sun:23:00-sun:23:30" : "sun:22:00-sun:22:30");
                    assert.equal(cluster.inputs.preferredBackupWindow, "01:00-01:30");
                    for (const instance of [writer, ...readers]) {
                        assert.equal(instance.inputs.preferredMaintenanceWindow, cluster.inputs.preferredMaintenanceWindow);
                    }
                    assert.equal(cluster.inputs.engineLifecycleSupport, "open-source-rds-extended-support");
                    if (expected.finalSnapshot) {
                        assert.match(cluster.inputs.finalSnapshotIdentifier, new RegExp(`^${id}-final-[0-9]{14}$`));
                        assert.ok(cluster.options.ignoreChanges.includes("finalSnapshotIdentifier"), "a later run keeps the first name");
                    }
                });

                it("FIS experiments log to CloudWatch Logs, and the reboot claims only what Aurora does", () => {
                    const templates = resources.filter((r) => r.type === T.template);
                    const logGroup = only(resources.filter((r) => r.type === "aws:cloudwatch/logGroup:LogGroup"), "FIS log group");
                    for (const template of templates) {
                        assert.equal(template.inputs.logConfiguration.logSchemaVersion, 2);
                        assert.equal(template.inputs.logConfiguration.cloudwatchLogsConfiguration.logGroupArn, `${logGroup.state.arn}:*`);
                    }
                    const reboot = only(templates.filter((t) => t.inputs.actions[0].actionId === "aws:rds:reboot-db-instances"), "reboot template");
                    assert.doesNotMatch(reboot.inputs.description, /leaves the read endpoint|restarts cold/);
                    assert.match(reboot.inputs.description, /without failover/);
                });

                it("has a dashboard of the alarms' metrics", () => {
                    const dashboard = only(
                        resources.filter((r) => r.type === T.dashboard),
                        "dashboard",
                    );
                    const body = JSON.parse(dashboard.inputs.dashboardBody) as { widgets: { type: string }[] };
                    assert.equal(body.widgets.filter((w) => w.type === "metric").length, expected.alarms);
                });

                it("FIS experiments fail over the cluster and reboot a reader, stopping on this cell's alarm ARNs", () => {
                    const templates = resources.filter((r) => r.type === T.template);
                    assert.deepEqual(
                        templates.map((t) => t.inputs.actions[0].actionId).sort(),
                        ["aws:rds:failover-db-cluster", "aws:rds:reboot-db-instances"],
                    );
                    const alarms = resources.filter((r) => r.type === T.alarm);
                    const alarmArns = new Set(alarms.map((a) => a.state.arn));
                    for (const template of templates) {
                        const conditions = template.inputs.stopConditions as { source: string; value: string }[];
                        assert.ok(conditions.length >= 1 && conditions.length <= 5);
                        for (const condition of conditions) {
                            assert.equal(condition.source, "aws:cloudwatch:alarm");
                            assert.ok(alarmArns.has(condition.value), `${condition.value} is not an alarm of cell ${cell}`);
                        }
                        const stopOn = dependenciesOf(run, template, "stopConditions");
                        assert.equal(stopOn.length, conditions.length);
                        assert.ok(stopOn.every((a) => a.type === T.alarm));
                        assert.equal(template.inputs.tags["resilience:stack"], expected.stack);
                        assert.ok(template.inputs.tags["resilience:scenario"]);
                    }
                    const failover = only(
                        templates.filter((t) => t.inputs.actions[0].actionId === "aws:rds:failover-db-cluster"),
                        "failover template",
                    );
                    assert.deepEqual(failover.inputs.targets[0].resourceArns, [cluster.state.arn]);
                    const reboot = only(
                        templates.filter((t) => t.inputs.actions[0].actionId === "aws:rds:reboot-db-instances"),
                        "reboot template",
                    );
                    const rebootable = reboot.inputs.targets[0].resourceArns as string[];
                    assert.equal(reboot.inputs.targets[0].selectionMode, "COUNT(1)");
                    assert.ok(!rebootable.includes(writer.state.arn), "never the writer");
                    const target = readers.find((r) => r.inputs.promotionTier === 0);
                    if (readers.length > 1) {
                        assert.ok(!rebootable.includes(target?.state.arn), "not the failover target while other readers exist");
                    }
                });

                it("each experiment's role can do its one fault on its own targets, and FIS alone may assume it", () => {
                    for (const template of resources.filter((r) => r.type === T.template)) {
                        const role = only(dependenciesOf(run, template, "roleArn"), "role");
                        const trust = JSON.parse(role.inputs.assumeRolePolicy);
                        assert.equal(trust.Statement[0].Principal.Service, "fis.amazonaws.com");
                        assert.ok(trust.Statement[0].Condition.StringEquals["aws:SourceAccount"]);
                        const policies = run.resources.filter(
                            (r) => r.type === T.rolePolicy && dependenciesOf(run, r, "role").includes(role),
                        );
                        const document = JSON.parse(only(policies, "role policy").inputs.policy);
                        const statements = document.Statement as { Sid: string; Action: string[]; Resource: unknown }[];
                        const actions = statements.filter((s) => s.Sid !== "ExperimentLog").flatMap((s) => s.Action).sort();
                        const fault = statements.find((s) => s.Sid === "Fault")!;
                        // Only what FIS needs to deliver the experiment log, besides the fault.
                        assert.deepEqual(statements.find((s) => s.Sid === "ExperimentLog")?.Action, [...FIS_LOG_DELIVERY_ACTIONS]);
                        if (template.inputs.actions[0].actionId === "aws:rds:failover-db-cluster") {
                            assert.deepEqual(actions, ["rds:DescribeDBClusters", "rds:FailoverDBCluster"]);
                        } else {
                            assert.deepEqual(actions, ["rds:DescribeDBInstances", "rds:RebootDBInstance"]);
                        }
                        assert.deepEqual(fault.Resource, template.inputs.targets[0].resourceArns);
                    }
                });

                it("exports what the chaos suite needs", () => {
                    const outputs = (run.outputs.cells as Record<string, Record<string, unknown>>)[cell];
                    assert.ok(outputs);
                    assert.equal(outputs.clusterIdentifier, id);
                    assert.equal(outputs.writeEndpoint, cluster.state.endpoint);
                    assert.match(String(outputs.readEndpoint), /warm-readers\.cluster-custom-/);
                    assert.equal(outputs.defaultReaderEndpoint, cluster.state.readerEndpoint);
                    assert.equal(outputs.port, 5432);
                    assert.equal(outputs.writerInstance, writer.inputs.identifier);
                    const members = Object.values(outputs.members as Record<string, string[]>).flat();
                    assert.deepEqual(members.sort(), readers.map((r) => r.inputs.identifier).sort());
                    assert.equal((outputs.alarmNames as string[]).length, expected.alarms);
                    const fis = outputs.fisTemplateIds as Record<string, string>;
                    const ids = resources.filter((r) => r.type === T.template).map((t) => t.id);
                    assert.deepEqual([fis.primaryFailure, fis.replicaFailure].sort(), ids.sort());
                });
            });
        }

        it("one SNS topic pages on-call by email, and by webhook when configured (as a secret)", () => {
            const topic = only(ofType(run, T.topic), "topic");
            assert.equal(run.outputs.alarmTopicArn, topic.state.arn);
            const subscriptions = ofType(run, T.subscription);
            assert.equal(subscriptions.filter((s) => s.inputs.protocol === "email").length, expected.emails);
            const webhooks = subscriptions.filter((s) => s.inputs.protocol === "https");
            assert.equal(webhooks.length, expected.webhook ? 1 : 0);
            for (const webhook of webhooks) {
                assert.ok(String(webhook.inputs.endpoint).startsWith(DECRYPTED_SECRET_PREFIX));
                assert.deepEqual(webhook.secretProperties, ["endpoint"]);
            }
        });

        it("the alarm topic is encrypted with a customer key whose policy lets CloudWatch alarms publish", () => {
            const topic = only(ofType(run, T.topic), "topic");
            const key = only(ofType(run, "aws:kms/key:Key").filter((k) => k.name === "alarms-key"), "alarm topic KMS key");
            assert.equal(topic.inputs.kmsMasterKeyId, key.state.arn);
            assert.equal(key.inputs.enableKeyRotation, true);
            const statements = JSON.parse(key.inputs.policy).Statement as { Principal: Record<string, string>; Action: string | string[] }[];
            const cloudwatch = only(statements.filter((s) => s.Principal.Service === "cloudwatch.amazonaws.com"), "CloudWatch statement");
            assert.deepEqual(cloudwatch.Action, ["kms:Decrypt", "kms:GenerateDataKey*"]);
        });

        it("exports the platform", () => {
            assert.equal(run.outputs.platform, "aws");
        });
    });
}
