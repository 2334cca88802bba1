/**
 * The numbers of a CloudNativePG cluster derived from the spec. Pure, so they are tested directly:
 * how many instances, the readiness lag bound in bytes, the pod resources, the autoscaling range.
 */
import * as pulumi from "@pulumi/pulumi";
import type { KubernetesSpec, ReplicaGroupSpec, StackSpec } from "../config";
import { KUBERNETES_DEFAULTS } from "../spec/defaults";
import { ASSUMED_WAL_BYTES_PER_SECOND, INSTANCE_CLASSES } from "./constants";

/** `resilience:kubernetes`, with its defaults when the stack file leaves it out. */
export function kubernetesSettings(spec: StackSpec): KubernetesSpec {
    return spec.kubernetes ?? { ...KUBERNETES_DEFAULTS, storageClass: null, zones: [], backupDestinationPath: null, backupRoleArn: null };
}

/** The primary plus every group's desired replicas: on CloudNativePG all of a cell's groups share one Cluster. */
export function instanceCount(groups: readonly ReplicaGroupSpec[]): number {
    return 1 + groups.reduce((sum, g) => sum + g.size.desired, 0);
}

/**
 * The readiness probe's `maximumLag`, in whole MiB: the strictest group's replay-lag bound times
 * the assumed WAL rate, at least 1Mi.
 */
export function maximumLag(groups: readonly ReplicaGroupSpec[]): string {
    const seconds = Math.min(...groups.map((g) => g.warmup.maxReplayLagSeconds));
    const mebibytes = Math.max(1, Math.ceil((seconds * ASSUMED_WAL_BYTES_PER_SECOND) / (1024 * 1024)));
    return `${mebibytes}Mi`;
}

/**
 * How long a lagging replica keeps its readiness: the strictest `lagGraceSeconds`, in probe periods
 * (the hysteresis of the warm-up gate).
 */
export function readinessFailureThreshold(groups: readonly ReplicaGroupSpec[], periodSeconds: number): number {
    const grace = Math.min(...groups.map((g) => g.warmup.lagGraceSeconds));
    return Math.max(1, Math.ceil(grace / periodSeconds));
}

/** Requests and limits for the database's instance class, or undefined (with a warning) when unknown. */
export function podResources(spec: StackSpec): { requests: Record<string, string>; limits: Record<string, string> } | undefined {
    const size = INSTANCE_CLASSES[spec.database.instanceClass];
    const others = spec.replicaGroups.filter((g) => g.instanceClass !== spec.database.instanceClass);
    if (others.length > 0) {
        pulumi.log.warn(
            `on kubernetes every instance of a cluster has the same size; groups ${others.map((g) => g.name).join(", ")} ` +
                `get ${spec.database.instanceClass}, not their own class`,
        );
    }
    if (size === undefined) {
        pulumi.log.warn(
            `instance class ${spec.database.instanceClass} has no size on kubernetes (known: ${Object.keys(INSTANCE_CLASSES).join(", ")}); ` +
                `pods get no requests, and CPU autoscaling cannot work`,
        );
        return undefined;
    }
    return { requests: { ...size }, limits: { ...size } };
}

export interface InstanceScaling {
    readonly minInstances: number;
    readonly maxInstances: number;
    readonly targetCpuPercent: number;
    readonly scaleUpWindowSeconds: number;
    readonly scaleDownWindowSeconds: number;
}

/** The HorizontalPodAutoscaler range over the Cluster's instances, or null when no group autoscales. */
export function instanceScaling(groups: readonly ReplicaGroupSpec[]): InstanceScaling | null {
    const autoscaled = groups.filter((g) => g.autoscaling !== null);
    const first = autoscaled[0]?.autoscaling;
    if (first === undefined || first === null) {
        return null;
    }
    const minInstances = instanceCount(groups);
    const headroom = autoscaled.reduce((sum, g) => sum + (g.size.max - g.size.desired), 0);
    return {
        minInstances,
        maxInstances: minInstances + headroom,
        targetCpuPercent: Math.min(...autoscaled.map((g) => (g.autoscaling as NonNullable<ReplicaGroupSpec["autoscaling"]>).targetCpuPercent)),
        scaleUpWindowSeconds: first.sustainSeconds,
        scaleDownWindowSeconds: first.scaleInCooldownSeconds,
    };
}
