// Policies on Aurora readers: enough of them, spread over zones, one prepared failover target, and
// a read endpoint that only warm readers join. Each answers a post-mortem: replicas added in a
// hurry, a replica loss that was an outage, a failover onto a cold cache.
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";

import { AuroraTopology, auroraTopologies, parameterValue } from "./aurora-topology";
import { label, stackOfResources, tryRead } from "./resources";
import { schemaWithDefaults, settings } from "./settings";
import { isProduction, StackContext } from "./stack-context";

/** Thresholds of {@link readerCountAndSpread}. */
export interface ReaderSpreadSettings {
    /** The fewest readers a cluster may declare. */
    minReaders: number;
    /** The fewest availability zones the readers must cover outside production. */
    minAvailabilityZones: number;
    /** The fewest availability zones the readers must cover in a production stack. */
    minAvailabilityZonesInProduction: number;
}

const readerSpreadDefaults: ReaderSpreadSettings = {
    minReaders: 2,
    minAvailabilityZones: 2,
    minAvailabilityZonesInProduction: 3,
};

/** Every cluster has enough readers, pinned to enough distinct availability zones. */
export function readerCountAndSpread(context: StackContext = {}): StackValidationPolicy {
    return {
        name: "aurora-readers-spread",
        description: "Every Aurora cluster has at least the configured number of readers, spread over at least 2 availability zones (3 in production).",
        severity: "high",
        configSchema: schemaWithDefaults(readerSpreadDefaults, {
            minReaders: { type: "integer", minimum: 0, description: "The fewest readers a cluster may declare." },
            minAvailabilityZones: { type: "integer", minimum: 1, description: "The fewest availability zones the readers must cover outside production." },
            minAvailabilityZonesInProduction: { type: "integer", minimum: 1, description: "The fewest availability zones the readers must cover in a production stack." },
        }),
        validateStack: (args, reportViolation) => {
            const config = settings(args, readerSpreadDefaults);
            const stack = stackOfResources(args.resources);
            const minZones = isProduction(context) ? config.minAvailabilityZonesInProduction : config.minAvailabilityZones;
            for (const { cluster, readers } of auroraTopologies(args.resources)) {
                const name = label(cluster, "clusterIdentifier");
                if (readers.length < config.minReaders) {
                    reportViolation(
                        `Cluster ${name} has ${readers.length} reader(s); it needs at least ${config.minReaders}, ` +
                        `so losing one still leaves a failover target and read capacity.`, cluster.urn);
                }
                if (readers.length === 0) {
                    continue;
                }
                const unpinned = readers.filter((reader) => !zoneOf(reader));
                for (const reader of unpinned) {
                    reportViolation(
                        `Reader "${reader.name}" of cluster ${name} does not set availabilityZone; ` +
                        `AWS may place every reader in one zone.`, reader.urn);
                }
                const zones = new Set(readers.map(zoneOf).filter((zone): zone is string => zone !== undefined));
                if (unpinned.length === 0 && zones.size < minZones) {
                    reportViolation(
                        `Readers of cluster ${name} cover ${zones.size} availability zone(s) (${[...zones].sort().join(", ")}); ` +
                        `stack "${stack}" requires at least ${minZones}.`, cluster.urn);
                }
            }
        },
    };
}

/** The parameter that turns on Aurora PostgreSQL cluster cache management. */
export const clusterCacheManagementParameter = "apg_ccm_enabled";

/**
 * With cluster cache management on, Aurora keeps one reader's buffer cache in step with the writer's,
 * so a failover lands on a warm cache. It only works with exactly one tier-0 reader of the writer's
 * instance class: with two, Aurora silently picks either and the cache preparation is wasted.
 */
export function singleTier0FailoverTarget(): StackValidationPolicy {
    return {
        name: "aurora-single-tier0-failover-target",
        description: "With cluster cache management on (apg_ccm_enabled), exactly one reader has promotion tier 0, and it has the writer's instance class.",
        severity: "high",
        validateStack: (args, reportViolation) => {
            for (const topology of auroraTopologies(args.resources)) {
                if (parameterValue(topology.parameterGroup, clusterCacheManagementParameter) !== "1") {
                    continue;
                }
                checkFailoverTarget(topology, reportViolation);
            }
        },
    };
}

function checkFailoverTarget(
    { cluster, writer, readers }: AuroraTopology,
    reportViolation: (message: string, urn?: string) => void,
): void {
    const name = label(cluster, "clusterIdentifier");
    // The provider's default promotion tier is 0: a reader that does not set one competes for tier 0.
    const tier0 = readers.filter((reader) => {
        const tier = tryRead(() => reader.props.promotionTier);
        return tier.known && (tier.value ?? 0) === 0;
    });
    if (tier0.length === 0) {
        reportViolation(
            `Cluster ${name} turns on cluster cache management but no reader has promotionTier 0: ` +
            `a failover would land on a cold cache. Give exactly one reader, of the writer's class, tier 0.`, cluster.urn);
        return;
    }
    if (tier0.length > 1) {
        reportViolation(
            `Cluster ${name} has ${tier0.length} tier-0 readers (${tier0.map((r) => r.name).join(", ")}); ` +
            `cluster cache management prepares only one. Keep one at tier 0 and move the others to tier 1 or higher.`, cluster.urn);
        return;
    }
    if (!writer) {
        reportViolation(
            `Cluster ${name} turns on cluster cache management, but no instance is marked as its writer ` +
            `(tag resilience:role=writer, or "writer" in its name), so the failover target's class cannot be checked.`, cluster.urn);
        return;
    }
    const targetClass = tryRead(() => tier0[0].props.instanceClass);
    const writerClass = tryRead(() => writer.props.instanceClass);
    if (targetClass.known && writerClass.known && targetClass.value !== writerClass.value) {
        reportViolation(
            `Tier-0 reader "${tier0[0].name}" of cluster ${name} is ${String(targetClass.value)} but the writer ` +
            `"${writer.name}" is ${String(writerClass.value)}; cluster cache management needs the failover target ` +
            `to have the writer's instance class.`, tier0[0].urn);
    }
}

/** Thresholds of {@link warmReaderEndpoint}. */
export interface WarmReaderEndpointSettings {
    /** Require the endpoint to ignore changes to its static members (the warm-up gate manages them). */
    requireIgnoreStaticMembers: boolean;
}

const warmReaderEndpointDefaults: WarmReaderEndpointSettings = { requireIgnoreStaticMembers: true };

/**
 * Reads go through a custom READER endpoint whose members are only the warm readers; the default
 * reader endpoint would send traffic to a reader still warming up (the 13-hour warm-up post-mortem).
 */
export function warmReaderEndpoint(): StackValidationPolicy {
    return {
        name: "aurora-warm-reader-endpoint",
        description: "Every Aurora cluster with readers has a custom READER endpoint whose members the warm-up gate manages.",
        severity: "high",
        configSchema: schemaWithDefaults(warmReaderEndpointDefaults, {
            requireIgnoreStaticMembers: {
                type: "boolean",
                description: "Require the endpoint to ignore changes to staticMembers, so `pulumi up` does not undo the warm-up gate.",
            },
        }),
        validateStack: (args, reportViolation) => {
            const { requireIgnoreStaticMembers } = settings(args, warmReaderEndpointDefaults);
            for (const { cluster, readers, endpoints } of auroraTopologies(args.resources)) {
                if (readers.length === 0) {
                    continue;
                }
                const name = label(cluster, "clusterIdentifier");
                const readerEndpoints = endpoints.filter(isReaderEndpoint);
                if (readerEndpoints.length === 0) {
                    reportViolation(
                        `Cluster ${name} has ${readers.length} reader(s) but no custom READER endpoint: ` +
                        `reads would reach readers that are still warming up. Declare a warm-reader endpoint.`, cluster.urn);
                    continue;
                }
                if (!requireIgnoreStaticMembers) {
                    continue;
                }
                for (const endpoint of readerEndpoints) {
                    const ignored = endpoint.opts?.ignoreChanges ?? [];
                    if (!ignored.includes("staticMembers")) {
                        reportViolation(
                            `Warm-reader endpoint "${endpoint.name}" of cluster ${name} must ignore changes to staticMembers ` +
                            `(ignoreChanges: ["staticMembers"]); otherwise every \`pulumi up\` resets the members the warm-up gate chose.`,
                            endpoint.urn);
                    }
                }
            }
        },
    };
}

function isReaderEndpoint(endpoint: PolicyResource): boolean {
    const type = tryRead(() => endpoint.props.customEndpointType);
    return type.known && typeof type.value === "string" && type.value.toUpperCase() === "READER";
}

function zoneOf(instance: PolicyResource): string | undefined {
    const zone = tryRead(() => instance.props.availabilityZone);
    return zone.known && typeof zone.value === "string" && zone.value !== "" ? zone.value : undefined;
}

/** Every reader policy, in the order they appear in the pack. */
export function replicaPolicies(context: StackContext = {}): StackValidationPolicy[] {
    return [readerCountAndSpread(context), singleTier0FailoverTarget(), warmReaderEndpoint()];
}
