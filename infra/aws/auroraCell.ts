/**
 * One cell on AWS: its Aurora cluster, replica groups, warm read endpoint, alarms and fault
 * experiments, with the outputs the chaos suite resolves its targets from.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsSpec, CellSpec, StackSpec } from "../config";
import { stopConditionAlarms } from "./alarmMetrics";
import { AuroraDatabase } from "./auroraDatabase";
import { FIS_MAX_STOP_CONDITIONS, POSTGRES_PORT } from "./constants";
import { DatabaseAlarms } from "./databaseAlarms";
import { FisExperiments } from "./fisExperiments";
import { planReaders } from "./readerPlan";
import { ReplicaGroup } from "./replicaGroup";
import type { ReaderCapacity } from "./replicaGroup";
import { cellTags } from "./tags";
import { WarmReaderEndpoint } from "./warmReaderEndpoint";

export interface AuroraCellArgs {
    /** The whole spec: database, groups, endpoints, alarms; `spec.aws` must be set. */
    readonly spec: StackSpec;
    readonly cell: CellSpec;
    /** The stack's alarm topic. */
    readonly topicArn: pulumi.Input<string>;
    /** Production keeps a final snapshot on deletion. */
    readonly production: boolean;
    /** When this program run started: names a new cluster's final snapshot (auroraDatabase.ts). */
    readonly createdAt: Date;
}

/** What the chaos suite needs of a cell on AWS. */
export interface AuroraCellOutputs {
    readonly clusterIdentifier: pulumi.Output<string>;
    /** DbClusterResourceId (`cluster-...`): what IAM database authentication names (`rds-db:connect`). */
    readonly clusterResourceId: pulumi.Output<string>;
    readonly writeEndpoint: pulumi.Output<string>;
    readonly readEndpoint: pulumi.Output<string>;
    /** The default reader endpoint: every reader, warm or not; a fallback only. */
    readonly defaultReaderEndpoint: pulumi.Output<string>;
    readonly port: number;
    readonly writerInstance: pulumi.Output<string>;
    /** Declared reader identifiers by group name. */
    readonly members: Record<string, pulumi.Output<string[]>>;
    readonly failoverTarget: string | null;
    readonly alarmNames: pulumi.Output<string[]>;
    readonly dashboardName: pulumi.Output<string>;
    readonly fisTemplateIds: { readonly primaryFailure: pulumi.Output<string>; readonly replicaFailure: pulumi.Output<string> };
}

export class AuroraCell extends pulumi.ComponentResource {
    readonly outputs: AuroraCellOutputs;
    /** The cluster's security group: the scheduled game-day's task is let in through it. */
    readonly databaseSecurityGroupId: pulumi.Output<string>;
    /** The warm-readers custom endpoint's identifier (the warm-up gate controller edits it). */
    readonly readEndpointIdentifier: string;

    constructor(name: string, args: AuroraCellArgs, opts?: pulumi.ComponentResourceOptions) {
        super("resilience:aws:AuroraCell", name, {}, opts);
        const { spec, cell } = args;
        const network: AwsSpec = requireAws(spec);
        const clusterIdentifier = `${pulumi.getStack()}-${cell.name}`;
        const tags = cellTags(cell.name);
        const parent = { parent: this };

        const plan = planReaders(clusterIdentifier, spec.database.instanceClass, spec.replicaGroups, network.availabilityZones);
        for (const adjustment of plan.adjustments) {
            pulumi.log.warn(adjustment, this);
        }

        const database = new AuroraDatabase(
            name,
            { clusterIdentifier, database: spec.database, cell, network, writer: plan.writer, production: args.production, createdAt: args.createdAt, tags },
            parent,
        );

        const capacity = readerCapacity(spec);
        const groups = spec.replicaGroups.map(
            (group) =>
                new ReplicaGroup(
                    `${name}-${group.name}`,
                    {
                        cluster: database.cluster,
                        group,
                        members: plan.members.filter((m) => m.group === group.name),
                        capacity: group.autoscaling === null ? undefined : capacity,
                        performanceInsightsRetentionDays: network.performanceInsightsRetentionDays,
                        maintenanceWindow: spec.database.maintenanceWindow,
                        kmsKeyId: spec.database.kmsKeyId ?? undefined,
                        tags,
                    },
                    parent,
                ),
        );
        const readers = groups.flatMap((g) => [...g.instances]);

        const endpoint = new WarmReaderEndpoint(
            `${name}-${spec.endpoints.read.name}`,
            {
                cluster: database.cluster,
                endpointIdentifier: readEndpointIdentifier(clusterIdentifier, spec),
                initialMembers: readers.map((r) => r.identifier),
                tags,
            },
            parent,
        );

        const alarms = new DatabaseAlarms(
            `${name}-alarms`,
            {
                clusterIdentifier,
                writerIdentifier: plan.writer.identifier,
                alarms: spec.alarms,
                topicArn: args.topicArn,
                region: aws.getRegionOutput({}, parent).region,
                tags,
            },
            parent,
        );

        const stopAlarms = stopConditionAlarms(spec.alarms, FIS_MAX_STOP_CONDITIONS);
        const notFailoverTarget = readers.filter((_, i) => plan.members[i]?.failoverTarget !== true);
        const fis = new FisExperiments(
            `${name}-fis`,
            {
                cluster: database.cluster,
                replicaTargets: notFailoverTarget.length > 0 ? notFailoverTarget : readers,
                stopConditionAlarmArns: stopAlarms.map((a) => (alarms.alarms.get(a.name) as aws.cloudwatch.MetricAlarm).arn),
                namePrefix: clusterIdentifier,
                tags,
            },
            parent,
        );

        this.databaseSecurityGroupId = database.securityGroup.id;
        this.readEndpointIdentifier = readEndpointIdentifier(clusterIdentifier, spec);
        this.outputs = {
            clusterIdentifier: database.cluster.clusterIdentifier,
            clusterResourceId: database.cluster.clusterResourceId,
            writeEndpoint: database.cluster.endpoint,
            readEndpoint: endpoint.endpoint.endpoint,
            defaultReaderEndpoint: database.cluster.readerEndpoint,
            port: POSTGRES_PORT,
            writerInstance: database.writer.identifier,
            members: Object.fromEntries(groups.map((g, i) => [spec.replicaGroups[i]?.name ?? String(i), g.memberIds])),
            failoverTarget: plan.members.find((m) => m.failoverTarget)?.identifier ?? null,
            alarmNames: alarms.alarmNames,
            dashboardName: alarms.dashboard.dashboardName,
            fisTemplateIds: { primaryFailure: fis.primaryFailure.id, replicaFailure: fis.replicaFailure.id },
        };
        this.registerOutputs({ ...this.outputs });
    }
}

/** The custom endpoint of a cluster's warm readers; the warm-up gate controller edits its static members. */
export function readEndpointIdentifier(clusterIdentifier: string, spec: StackSpec): string {
    return `${clusterIdentifier}-${spec.endpoints.read.name}`;
}

function requireAws(spec: StackSpec): AwsSpec {
    if (spec.aws === null) {
        throw new Error("platform aws needs resilience:aws (the config reader enforces it)");
    }
    return spec.aws;
}

/**
 * Aurora scales a cluster's reader count, not a group: every declared reader counts, and AAS only
 * ever removes readers it added. So the floor is all declared readers and the ceiling adds the
 * autoscaled group's headroom. Only one group per cluster may autoscale.
 */
export function readerCapacity(spec: StackSpec): ReaderCapacity {
    const declared = spec.replicaGroups.reduce((sum, g) => sum + g.size.desired, 0);
    const autoscaled = spec.replicaGroups.filter((g) => g.autoscaling !== null);
    if (autoscaled.length > 1) {
        throw new Error(
            `on aws only one replica group may autoscale (Aurora scales the cluster's reader count): ${autoscaled.map((g) => g.name).join(", ")}`,
        );
    }
    const headroom = autoscaled.reduce((sum, g) => sum + (g.size.max - g.size.desired), 0);
    return { min: declared, max: declared + headroom };
}
