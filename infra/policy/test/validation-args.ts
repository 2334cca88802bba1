// Builds ResourceValidationArgs / StackValidationArgs the way the engine does (props behind the
// unknown-checking proxy, URNs with the stack name, property dependencies as resources), and runs a
// single policy or a whole pack over them, collecting violations.
import {
    EnforcementLevel,
    Policies,
    PolicyResource,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
    UnknownValueError,
} from "@pulumi/policy";

// The proxy the engine wraps props in is internal to @pulumi/policy (pinned in package.json); tests
// use it so a policy that reads an unknown preview value fails here as it would in a real preview.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const proxy: { unknownCheckingProxy<T>(value: T): T; unknownStringValue: string } = require("@pulumi/policy/proxy");

/** A value that is unknown during a preview (an output of a resource still to be created). */
export const unknown: string = proxy.unknownStringValue;

/** A resource as a test declares it. */
export interface TestResource {
    type: string;
    name: string;
    props: Record<string, unknown>;
    /** The stack the resource belongs to; defaults to "staging". */
    stack?: string;
    /** The resource's URN when it is known (a program run); otherwise built from stack, type and name. */
    urn?: string;
    /** Resource options the engine passes to policies. */
    ignoreChanges?: string[];
    /** Property name to the names (or URNs) of the resources the property's value came from. */
    propertyDependencies?: Record<string, readonly string[]>;
    /** The name (or URN) of the parent resource. */
    parent?: string;
}

/** A reported violation. */
export interface Violation {
    policy: string;
    enforcementLevel: EnforcementLevel;
    message: string;
    urn?: string;
}

/** The URN of a test resource: its own, or the one the engine would give it. */
export function urnOfResource(resource: TestResource): string {
    return resource.urn ?? urnOf(resource.type, resource.name, resource.stack);
}

/** The URN the engine gives a resource. */
export function urnOf(type: string, name: string, stack = "staging", project = "resilience"): string {
    return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}

class NotApplicable extends Error {}

function notApplicable(reason?: string): never {
    throw new NotApplicable(reason ?? "not applicable");
}

function getConfigOf(config: object): <T extends object>() => T {
    return <T extends object>() => config as T;
}

/** The arguments of a resource validation. */
export function resourceArgs(resource: TestResource, config: object = {}): ResourceValidationArgs {
    const props = proxy.unknownCheckingProxy(resource.props);
    return {
        type: resource.type,
        props,
        urn: urnOfResource(resource),
        name: resource.name,
        opts: options(resource),
        stackTags: new Map(),
        isType: (resourceClass) => pulumiTypeOf(resourceClass) === resource.type,
        asType: (resourceClass) => (pulumiTypeOf(resourceClass) === resource.type ? props : undefined) as any,
        getConfig: getConfigOf(config),
        notApplicable,
    };
}

/** The arguments of a stack validation. */
export function stackArgs(resources: readonly TestResource[], config: object = {}): StackValidationArgs {
    // Tests refer to resources by name; a program run by URN.
    const byKey = new Map<string, PolicyResource>();
    const policyResources: PolicyResource[] = resources.map((resource) => {
        const props = proxy.unknownCheckingProxy(resource.props);
        const policyResource: PolicyResource = {
            type: resource.type,
            props,
            urn: urnOfResource(resource),
            name: resource.name,
            opts: options(resource),
            dependencies: [],
            propertyDependencies: {},
            isType: (resourceClass) => pulumiTypeOf(resourceClass) === resource.type,
            asType: (resourceClass) => (pulumiTypeOf(resourceClass) === resource.type ? props : undefined) as any,
        };
        byKey.set(resource.name, policyResource);
        byKey.set(policyResource.urn, policyResource);
        return policyResource;
    });
    resources.forEach((resource, index) => {
        const policyResource = policyResources[index];
        for (const [property, names] of Object.entries(resource.propertyDependencies ?? {})) {
            policyResource.propertyDependencies[property] = names.map((key) => {
                const dependency = byKey.get(key);
                if (!dependency) {
                    throw new Error(`test resource "${resource.name}" depends on unknown resource "${key}"`);
                }
                return dependency;
            });
        }
        policyResource.dependencies = [...new Set(Object.values(policyResource.propertyDependencies).flat())];
        if (resource.parent) {
            policyResource.parent = byKey.get(resource.parent);
        }
    });
    return {
        resources: policyResources,
        stackTags: new Map(),
        getConfig: getConfigOf(config),
        notApplicable,
    };
}

/** The violation messages one resource policy reports for one resource (none when not applicable). */
export async function resourceViolations(
    policy: ResourceValidationPolicy,
    resource: TestResource,
    config: object = {},
): Promise<string[]> {
    const messages: string[] = [];
    const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
    for (const validate of validations) {
        try {
            await validate?.(resourceArgs(resource, config), (message) => messages.push(message));
        } catch (error) {
            if (!(error instanceof NotApplicable)) {
                throw error;
            }
        }
    }
    return messages;
}

/** The violations one stack policy reports for a set of resources. */
export async function stackViolations(
    policy: StackValidationPolicy,
    resources: readonly TestResource[],
    config: object = {},
): Promise<{ message: string; urn?: string }[]> {
    const violations: { message: string; urn?: string }[] = [];
    try {
        await policy.validateStack(stackArgs(resources, config), (message, urn) => violations.push({ message, urn }));
    } catch (error) {
        if (!(error instanceof NotApplicable)) {
            throw error;
        }
    }
    return violations;
}

/** Policy pack config as a `--policy-pack-config` file holds it. */
export type PackConfig = Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>;

/**
 * Runs every policy of a pack over a stack's resources, as the engine does for `pulumi preview`:
 * resource policies per resource, stack policies once; enforcement from the config (per policy, then
 * `all`), then the policy's own, then the pack's; a value unknown during a preview gives an advisory
 * "can't run" violation instead of a verdict.
 */
export async function runPack(
    policies: Policies,
    packEnforcementLevel: EnforcementLevel,
    resources: readonly TestResource[],
    config: PackConfig = {},
): Promise<Violation[]> {
    const violations: Violation[] = [];
    for (const policy of policies) {
        const entry = config[policy.name] ?? {};
        const all = config.all;
        const { enforcementLevel: configured, ...properties } = typeof entry === "string" ? { enforcementLevel: entry } : entry;
        const allLevel = typeof all === "string" ? all : all?.enforcementLevel;
        const level: EnforcementLevel = configured ?? allLevel ?? policy.enforcementLevel ?? packEnforcementLevel;
        if (level === "disabled") {
            continue;
        }
        const report = (message: string, urn?: string) =>
            violations.push({ policy: policy.name, enforcementLevel: level === "remediate" ? "mandatory" : level, message, urn });
        const guard = async (run: () => Promise<void> | void, urn?: string) => {
            try {
                await run();
            } catch (error) {
                if (error instanceof UnknownValueError) {
                    violations.push({ policy: policy.name, enforcementLevel: "advisory", message: `can't run during preview: ${(error as Error).message}`, urn });
                } else if (!(error instanceof NotApplicable)) {
                    throw error;
                }
            }
        };
        if ("validateStack" in policy) {
            await guard(() => policy.validateStack(stackArgs(resources, properties), report));
            continue;
        }
        const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
        for (const resource of resources) {
            const args = resourceArgs(resource, properties);
            for (const validate of validations) {
                await guard(() => validate?.(args, (message) => report(message, args.urn)), args.urn);
            }
        }
    }
    return violations;
}

function options(resource: TestResource): PolicyResource["opts"] {
    return {
        protect: false,
        ignoreChanges: resource.ignoreChanges ?? [],
        aliases: [],
        customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        additionalSecretOutputs: [],
        parent: resource.parent === undefined || resource.parent === ""
            ? undefined
            : resource.parent.startsWith("urn:") ? resource.parent : urnOf("unknown", resource.parent, resource.stack),
    };
}

function pulumiTypeOf(resourceClass: unknown): string | undefined {
    const type = (resourceClass as { __pulumiType?: unknown } | undefined)?.__pulumiType;
    return typeof type === "string" ? type : undefined;
}
