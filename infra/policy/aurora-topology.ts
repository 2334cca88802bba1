// The shape of an Aurora cluster in a stack: its instances (which one is the writer), its parameter
// group, its endpoints. Shared by the reader, failover-target and endpoint policies.
import { PolicyResource } from "@pulumi/policy";

import { ofType, refersTo, ResourceType, tagsOf, tryRead } from "./resources";

/** The identifying properties a reference to an Aurora cluster may carry. */
export const clusterKeys = ["clusterIdentifier", "id"] as const;

/** An Aurora cluster with the stack resources that belong to it. */
export interface AuroraTopology {
    cluster: PolicyResource;
    /** The writer instance, when the stack marks one (see {@link isWriterInstance}). */
    writer?: PolicyResource;
    /** Every other instance of the cluster: the readers. */
    readers: PolicyResource[];
    /** The cluster parameter group the cluster uses, when it is declared in the stack. */
    parameterGroup?: PolicyResource;
    /** Custom endpoints of the cluster. */
    endpoints: PolicyResource[];
}

/**
 * Whether an instance is its cluster's writer. Aurora has no writer flag on an instance (the first
 * one created becomes the writer), so the program says it: a `resilience:role` (or `role`) tag of
 * `writer`, or a Pulumi name with a `writer` part (`eu-1-writer`).
 */
export function isWriterInstance(instance: PolicyResource): boolean {
    const tags = tagsOf(instance.props);
    const role = tags["resilience:role"] ?? tags.role ?? tags.Role;
    if (role !== undefined) {
        return role.toLowerCase() === "writer";
    }
    return instance.name.toLowerCase().split(/[^a-z0-9]+/).includes("writer");
}

/** Every Aurora cluster of the stack with its instances, parameter group and custom endpoints. */
export function auroraTopologies(resources: readonly PolicyResource[]): AuroraTopology[] {
    const instances = ofType(resources, ResourceType.rdsClusterInstance);
    const parameterGroups = ofType(resources, ResourceType.rdsClusterParameterGroup);
    const endpoints = ofType(resources, ResourceType.rdsClusterEndpoint);
    return ofType(resources, ResourceType.rdsCluster).map((cluster) => {
        const members = instances.filter((instance) => refersTo(instance, "clusterIdentifier", cluster, clusterKeys));
        const writer = members.find(isWriterInstance);
        return {
            cluster,
            writer,
            readers: members.filter((member) => member !== writer),
            parameterGroup: parameterGroups.find((group) =>
                refersTo(cluster, "dbClusterParameterGroupName", group, ["name", "id"])),
            endpoints: endpoints.filter((endpoint) => refersTo(endpoint, "clusterIdentifier", cluster, clusterKeys)),
        };
    });
}

/** The value of a parameter in a parameter group, or undefined when the group does not set it. */
export function parameterValue(group: PolicyResource | undefined, name: string): string | undefined {
    if (!group) {
        return undefined;
    }
    const value = tryRead(() => {
        const parameters: unknown = group.props.parameters;
        if (!Array.isArray(parameters)) {
            return undefined;
        }
        for (const parameter of parameters as { name?: unknown; value?: unknown }[]) {
            if (typeof parameter.name === "string" && parameter.name.toLowerCase() === name) {
                return String(parameter.value);
            }
        }
        return undefined;
    });
    return value.known ? value.value : undefined;
}
