/**
 * A replica group on Aurora: its reader instances, pinned to zones with the planned promotion tiers,
 * and, when the group autoscales, Application Auto Scaling of the cluster's reader count on reader
 * CPU. Aurora replaces a failed reader instance by itself; the group declares how many there are.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ReplicaGroupSpec } from "../config";
import { instanceArgs, PLACEMENT_PROPERTIES } from "./auroraDatabase";
import type { MemberPlan } from "./readerPlan";

export interface ReaderCapacity {
    /** Readers AAS may not go below: every declared reader of the cluster (AAS only removes its own). */
    readonly min: number;
    /** Readers AAS may not go above: the other groups' readers plus this group's max. */
    readonly max: number;
}

export interface ReplicaGroupArgs {
    readonly cluster: aws.rds.Cluster;
    /** The group as configured (`resilience:replicaGroups[i]`). */
    readonly group: ReplicaGroupSpec;
    /** Its members: identifiers, zones and tiers from {@link planReaders}. */
    readonly members: readonly MemberPlan[];
    /** Cluster-wide reader counts for autoscaling; required when the group autoscales. */
    readonly capacity?: ReaderCapacity;
    readonly performanceInsightsRetentionDays: number;
    /** `resilience:database.maintenanceWindow`. */
    readonly maintenanceWindow: string;
    readonly kmsKeyId: string | undefined;
    readonly tags: Record<string, string>;
}

export class ReplicaGroup extends pulumi.ComponentResource {
    readonly instances: readonly aws.rds.ClusterInstance[];
    readonly scalingTarget?: aws.appautoscaling.Target;
    readonly scalingPolicy?: aws.appautoscaling.Policy;

    constructor(name: string, args: ReplicaGroupArgs, opts?: pulumi.ComponentResourceOptions) {
        super("resilience:aws:ReplicaGroup", name, {}, opts);
        const { group, cluster } = args;

        this.instances = args.members.map(
            (member) =>
                new aws.rds.ClusterInstance(
                    `${name}-${member.ordinal}`,
                    instanceArgs(cluster, {
                        identifier: member.identifier,
                        instanceClass: member.instanceClass,
                        availabilityZone: member.availabilityZone,
                        promotionTier: member.promotionTier,
                        performanceInsightsRetentionDays: args.performanceInsightsRetentionDays,
                        maintenanceWindow: args.maintenanceWindow,
                        kmsKeyId: args.kmsKeyId,
                        tags: {
                            ...args.tags,
                            "resilience:role": "reader",
                            "resilience:group": group.name,
                            ...(member.failoverTarget ? { "resilience:failover-target": "true" } : {}),
                        },
                    }),
                    { parent: this, ignoreChanges: PLACEMENT_PROPERTIES },
                ),
        );

        if (group.autoscaling !== null) {
            if (args.capacity === undefined) {
                throw new Error(`replica group ${group.name} autoscales but no reader capacity was given`);
            }
            const resourceId = pulumi.interpolate`cluster:${cluster.clusterIdentifier}`;
            this.scalingTarget = new aws.appautoscaling.Target(
                `${name}-scaling`,
                {
                    serviceNamespace: "rds",
                    scalableDimension: "rds:cluster:ReadReplicaCount",
                    resourceId,
                    minCapacity: args.capacity.min,
                    maxCapacity: args.capacity.max,
                    tags: args.tags,
                },
                // Scaling starts from the declared readers, not before them.
                { parent: this, dependsOn: [...this.instances] },
            );
            this.scalingPolicy = new aws.appautoscaling.Policy(
                `${name}-reader-cpu`,
                {
                    name: `${group.name}-reader-cpu`,
                    policyType: "TargetTrackingScaling",
                    serviceNamespace: this.scalingTarget.serviceNamespace,
                    scalableDimension: this.scalingTarget.scalableDimension,
                    resourceId: this.scalingTarget.resourceId,
                    targetTrackingScalingPolicyConfiguration: {
                        predefinedMetricSpecification: { predefinedMetricType: "RDSReaderAverageCPUUtilization" },
                        targetValue: group.autoscaling.targetCpuPercent,
                        // Target tracking owns its alarms (3 one-minute datapoints above target);
                        // sustainSeconds spaces consecutive scale-outs so a new reader can warm up first.
                        scaleOutCooldown: group.autoscaling.sustainSeconds,
                        scaleInCooldown: group.autoscaling.scaleInCooldownSeconds,
                    },
                },
                { parent: this },
            );
        }

        this.registerOutputs({ members: this.memberIds });
    }

    /** The RDS identifiers of the declared members, in order. */
    get memberIds(): pulumi.Output<string[]> {
        return pulumi.all(this.instances.map((i) => i.identifier));
    }
}
