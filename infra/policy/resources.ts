// How the policies see resources: type tokens, the stack a URN belongs to, values that may be unknown
// during a preview, and references between resources (an instance to its cluster, an alarm to its topic).
import { PolicyResource, ReportViolation, ResourceValidation, ResourceValidationArgs, UnknownValueError } from "@pulumi/policy";

/** Pulumi type tokens of the resources the policies inspect. */
export const ResourceType = {
    rdsCluster: "aws:rds/cluster:Cluster",
    rdsClusterInstance: "aws:rds/clusterInstance:ClusterInstance",
    rdsInstance: "aws:rds/instance:Instance",
    rdsClusterParameterGroup: "aws:rds/clusterParameterGroup:ClusterParameterGroup",
    rdsClusterEndpoint: "aws:rds/clusterEndpoint:ClusterEndpoint",
    metricAlarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    snsTopic: "aws:sns/topic:Topic",
    snsTopicSubscription: "aws:sns/topicSubscription:TopicSubscription",
    fisExperimentTemplate: "aws:fis/experimentTemplate:ExperimentTemplate",
    iamRole: "aws:iam/role:Role",
    iamRolePolicy: "aws:iam/rolePolicy:RolePolicy",
    iamRolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    iamPolicy: "aws:iam/policy:Policy",
    cnpgCluster: "kubernetes:postgresql.cnpg.io/v1:Cluster",
    cnpgScheduledBackup: "kubernetes:postgresql.cnpg.io/v1:ScheduledBackup",
    prometheusRule: "kubernetes:monitoring.coreos.com/v1:PrometheusRule",
    helmRelease: "kubernetes:helm.sh/v3:Release",
    stack: "pulumi:pulumi:Stack",
} as const;

/**
 * validateResourceOfType for resources without an SDK class (custom resources such as a CloudNativePG
 * `Cluster`): runs `validate` for resources of the type token, and marks others not applicable.
 */
export function validateResourceOfTypeToken(
    type: string,
    validate: (props: Record<string, any>, args: ResourceValidationArgs, reportViolation: ReportViolation) => void,
): ResourceValidation {
    return (args, reportViolation) => {
        if (args.type !== type) {
            args.notApplicable(`Policy only applies to resources of type '${type}'`);
        }
        validate(args.props, args, reportViolation);
    };
}

/**
 * The stack a URN belongs to: `urn:pulumi:<stack>::<project>::<type>::<name>`.
 * Every resource carries it, so a policy needs no global state to know whether it runs for prod.
 */
export function stackOfUrn(urn: string): string {
    const match = /^urn:pulumi:([^:]+)::/.exec(urn);
    if (!match) {
        throw new Error(`not a Pulumi URN: ${urn}`);
    }
    return match[1];
}

/** The stack of a stack validation: the stack of its first resource, or undefined for an empty stack. */
export function stackOfResources(resources: readonly PolicyResource[]): string | undefined {
    return resources.length > 0 ? stackOfUrn(resources[0].urn) : undefined;
}

/** A value that a preview may not know yet (it depends on an output of a resource still to be created). */
export type Maybe<T> = { known: true; value: T } | { known: false };

/**
 * Reads a property without letting an unknown preview value abort the whole policy. Use it where
 * another source can answer (a property dependency); elsewhere let the UnknownValueError propagate:
 * @pulumi/policy then reports "can't run during preview" as an advisory instead of a wrong verdict.
 */
export function tryRead<T>(read: () => T): Maybe<T> {
    try {
        return { known: true, value: read() };
    } catch (error) {
        if (error instanceof UnknownValueError) {
            return { known: false };
        }
        throw error;
    }
}

/**
 * Whether `resource.props[property]` refers to `target`: first through the engine's property
 * dependencies (exact even when the value is unknown during a preview), then by value, comparing with
 * the target's identifying properties (a cluster's `clusterIdentifier` or `id`, a topic's `arn`).
 */
export function refersTo(
    resource: PolicyResource,
    property: string,
    target: PolicyResource,
    targetKeys: readonly string[],
    read: (props: Record<string, any>) => unknown = (props) => props[property],
): boolean {
    const dependencies = resource.propertyDependencies?.[property] ?? [];
    if (dependencies.some((dependency) => dependency.urn === target.urn)) {
        return true;
    }
    const values = knownValues(() => read(resource.props));
    return targetKeys.some((key) => {
        const keyValue = tryRead(() => target.props[key]);
        return keyValue.known && typeof keyValue.value === "string" && keyValue.value !== "" &&
            values.includes(keyValue.value);
    });
}

/**
 * The known primitive values of a property that holds one value or a list: unknown elements (and an
 * unknown property) are left out.
 */
export function knownValues(read: () => unknown): unknown[] {
    const value = tryRead(read);
    if (!value.known || value.value === undefined || value.value === null) {
        return [];
    }
    if (!Array.isArray(value.value)) {
        return [value.value];
    }
    const list = value.value;
    const result: unknown[] = [];
    for (let index = 0; index < list.length; index++) {
        const element = tryRead(() => list[index]);
        if (element.known && element.value !== undefined && element.value !== null) {
            result.push(element.value);
        }
    }
    return result;
}

/** Resources of one type token. */
export function ofType(resources: readonly PolicyResource[], type: string): PolicyResource[] {
    return resources.filter((resource) => resource.type === type);
}

/** A readable label for messages: the Pulumi name, with the cloud identifier when it differs. */
export function label(resource: PolicyResource, identifierKey?: string): string {
    if (identifierKey) {
        const identifier = tryRead(() => resource.props[identifierKey]);
        if (identifier.known && typeof identifier.value === "string" && identifier.value !== resource.name) {
            return `"${resource.name}" (${identifier.value})`;
        }
    }
    return `"${resource.name}"`;
}

/** Reads the tags of an AWS resource (its `tags`, falling back to `tagsAll`), never throwing. */
export function tagsOf(props: Record<string, any>): Record<string, string> {
    const tags = tryRead(() => {
        const source: unknown = props.tags ?? props.tagsAll;
        const result: Record<string, string> = {};
        if (typeof source === "object" && source !== null) {
            for (const [key, value] of Object.entries(source as Record<string, unknown>)) {
                if (typeof value === "string") {
                    result[key] = value;
                }
            }
        }
        return result;
    });
    return tags.known ? tags.value : {};
}
