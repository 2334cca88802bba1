// Policies on CloudNativePG clusters: enough instances to survive a lost pod, instances on separate
// nodes in production, a readiness probe that keeps lagging replicas out of the `-ro` service, and
// synchronous replication so an acknowledged write survives a primary loss.
import { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";

import { ResourceType, stackOfUrn, validateResourceOfTypeToken } from "./resources";
import { schemaWithDefaults, settings } from "./settings";
import { isProduction, StackContext } from "./stack-context";

/** Production-only checks may be asked of every stack. */
export interface ProductionOnlySettings {
    /** Apply the check in every stack, not only production ones. */
    requireInAllStacks: boolean;
}

const productionOnlyDefaults: ProductionOnlySettings = { requireInAllStacks: false };

const productionOnlySchema = schemaWithDefaults(productionOnlyDefaults, {
    requireInAllStacks: { type: "boolean", description: "Apply the check in every stack, not only production ones." },
});

function onlyInProduction(args: ResourceValidationArgs, context: StackContext): string {
    const stack = stackOfUrn(args.urn);
    if (!settings(args, productionOnlyDefaults).requireInAllStacks && !isProduction(context)) {
        args.notApplicable(`stack "${stack}" is not a production stack`);
    }
    return stack;
}

/** Thresholds of {@link cnpgInstances}. */
export interface CnpgInstancesSettings {
    /** The fewest PostgreSQL instances (primary included) a cluster may run. */
    minInstances: number;
}

const cnpgInstancesDefaults: CnpgInstancesSettings = { minInstances: 2 };

/** A cluster with one instance has no replica to fail over to or read from. */
export function cnpgInstances(): ResourceValidationPolicy {
    return {
        name: "cnpg-instances",
        description: "CloudNativePG clusters run at least 2 instances (a primary and a replica).",
        severity: "high",
        configSchema: schemaWithDefaults(cnpgInstancesDefaults, {
            minInstances: { type: "integer", minimum: 1, description: "The fewest PostgreSQL instances (primary included) a cluster may run." },
        }),
        validateResource: validateResourceOfTypeToken(ResourceType.cnpgCluster, (props, args, reportViolation) => {
            const { minInstances } = settings(args, cnpgInstancesDefaults);
            const instances: unknown = props.spec?.instances;
            if (typeof instances !== "number" || instances < minInstances) {
                reportViolation(
                    `CloudNativePG cluster "${args.name}" runs ${String(instances ?? "no")} instance(s); ` +
                    `spec.instances must be at least ${minInstances}.`);
            }
        }),
    };
}

/** In production, no two instances share a node: a lost node takes one instance, never the cluster. */
export function cnpgRequiredAntiAffinity(context: StackContext = {}): ResourceValidationPolicy {
    return {
        name: "cnpg-required-anti-affinity",
        description: "Production CloudNativePG clusters require pod anti-affinity between their instances.",
        severity: "high",
        configSchema: productionOnlySchema,
        validateResource: validateResourceOfTypeToken(ResourceType.cnpgCluster, (props, args, reportViolation) => {
            const stack = onlyInProduction(args, context);
            const affinity = props.spec?.affinity ?? {};
            if (affinity.enablePodAntiAffinity === false) {
                reportViolation(
                    `CloudNativePG cluster "${args.name}" in stack "${stack}" turns pod anti-affinity off ` +
                    `(spec.affinity.enablePodAntiAffinity: false).`);
            } else if (affinity.podAntiAffinityType !== "required") {
                reportViolation(
                    `CloudNativePG cluster "${args.name}" in stack "${stack}" must set spec.affinity.podAntiAffinityType: ` +
                    `"required" (got ${JSON.stringify(affinity.podAntiAffinityType ?? "preferred")}); ` +
                    `"preferred" lets the scheduler put two instances on one node.`);
            }
        }),
    };
}

/**
 * The readiness probe is the warm-up gate on Kubernetes: a replica joins the `-ro` service only
 * while it streams from the primary with lag under a bound.
 */
export function cnpgReadinessMaxLag(): ResourceValidationPolicy {
    return {
        name: "cnpg-readiness-max-lag",
        description: "CloudNativePG clusters use a streaming readiness probe with a maximum lag.",
        severity: "high",
        validateResource: validateResourceOfTypeToken(ResourceType.cnpgCluster, (props, args, reportViolation) => {
            const readiness = props.spec?.probes?.readiness ?? {};
            if (readiness.type !== "streaming") {
                reportViolation(
                    `CloudNativePG cluster "${args.name}" must use spec.probes.readiness.type: "streaming" ` +
                    `(got ${JSON.stringify(readiness.type ?? "pg_isready")}); otherwise a replica that is far behind is ready.`);
            } else if (readiness.maximumLag === undefined || readiness.maximumLag === null || readiness.maximumLag === "") {
                reportViolation(
                    `CloudNativePG cluster "${args.name}" has a streaming readiness probe without spec.probes.readiness.maximumLag; ` +
                    `a replica that streams but lags behind still receives reads.`);
            }
        }),
    };
}

/**
 * In production an acknowledged write is on two instances: with asynchronous replication a primary
 * loss loses the writes its replica had not received (lostWrites must be 0).
 */
export function cnpgSynchronousReplication(context: StackContext = {}): ResourceValidationPolicy {
    return {
        name: "cnpg-synchronous-replication",
        description: "Production CloudNativePG clusters replicate synchronously with required data durability.",
        severity: "critical",
        configSchema: productionOnlySchema,
        validateResource: validateResourceOfTypeToken(ResourceType.cnpgCluster, (props, args, reportViolation) => {
            const stack = onlyInProduction(args, context);
            const spec = props.spec ?? {};
            const synchronous = spec.postgresql?.synchronous;
            const legacyMin: unknown = spec.minSyncReplicas;
            if (synchronous !== undefined && synchronous !== null) {
                if (typeof synchronous.number !== "number" || synchronous.number < 1) {
                    reportViolation(
                        `CloudNativePG cluster "${args.name}" in stack "${stack}" must set ` +
                        `spec.postgresql.synchronous.number to at least 1 (got ${String(synchronous.number)}).`);
                }
                if (synchronous.dataDurability === "preferred") {
                    reportViolation(
                        `CloudNativePG cluster "${args.name}" in stack "${stack}" sets spec.postgresql.synchronous.dataDurability: ` +
                        `"preferred", which acknowledges writes without a standby when none is available; use "required".`);
                }
            } else if (typeof legacyMin !== "number" || legacyMin < 1) {
                reportViolation(
                    `CloudNativePG cluster "${args.name}" in stack "${stack}" replicates asynchronously; set ` +
                    `spec.postgresql.synchronous (method: any, number: 1) so an acknowledged write survives a primary loss.`);
            }
        }),
    };
}

/** Every Kubernetes policy, in the order they appear in the pack. */
export function kubernetesPolicies(context: StackContext = {}): ResourceValidationPolicy[] {
    return [cnpgInstances(), cnpgRequiredAntiAffinity(context), cnpgReadinessMaxLag(), cnpgSynchronousReplication(context)];
}
