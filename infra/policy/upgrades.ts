// The engine-version policy: a database engine upgrade reaches a stack only after the same version
// passed a game-day in a lower environment. (The post-mortem: an upgrade that behaved in test and
// acceptance raised reader CPU in production only.)
//
// A policy cannot see the state a preview starts from, only the resources the program declares. So
// the pack compares each cluster's declared engine version with the version recorded as deployed:
//   - `deployedEngineVersions` in the policy config (per resource name), written by CI from
//     `pulumi stack export` just before the preview (policy/scripts/deployed-engine-versions.ts);
//   - when a cluster has no recorded version (a new stack, or CI did not record it), the policy
//     fails closed by default (`whenDeployedVersionUnknown: requireEvidence`): the declared version
//     needs evidence as if it were a change.
// Evidence is the stack config `resilience:database.upgradeEvidence`: its version must equal the
// declared version, and its stack must be another, non-production stack.
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";

import { ofType, ResourceType, stackOfResources, tryRead } from "./resources";
import { schemaWithDefaults, settings } from "./settings";
import { nameLooksLikeProduction, StackContext, UpgradeEvidence } from "./stack-context";

/** Thresholds of {@link engineVersionChangeRequiresGameday}. */
export interface EngineVersionSettings {
    /** The engine version each database cluster runs now, by Pulumi resource name (or URN). */
    deployedEngineVersions: Record<string, string>;
    /** What a cluster without a recorded deployed version needs: evidence (fail closed) or nothing. */
    whenDeployedVersionUnknown: "requireEvidence" | "allow";
}

const engineVersionDefaults: EngineVersionSettings = {
    deployedEngineVersions: {},
    whenDeployedVersionUnknown: "requireEvidence",
};

/** The engine version a database cluster declares, or undefined when it declares none it can be read from. */
export function declaredEngineVersion(resource: PolicyResource): string | undefined {
    const read = tryRead((): unknown => {
        switch (resource.type) {
            case ResourceType.rdsCluster:
            case ResourceType.rdsInstance:
                return resource.props.engineVersion;
            case ResourceType.cnpgCluster:
                return imageTag(resource.props.spec?.imageName) ?? resource.props.spec?.imageCatalogRef?.major;
            default:
                return undefined;
        }
    });
    return read.known && (typeof read.value === "string" || typeof read.value === "number") && String(read.value) !== ""
        ? String(read.value)
        : undefined;
}

/** The tag of a container image reference (`ghcr.io/cloudnative-pg/postgresql:16.4@sha256:...` gives 16.4). */
export function imageTag(image: unknown): string | undefined {
    if (typeof image !== "string") {
        return undefined;
    }
    const withoutDigest = image.split("@")[0];
    const lastSlash = withoutDigest.lastIndexOf("/");
    const colon = withoutDigest.indexOf(":", lastSlash + 1);
    return colon < 0 ? undefined : withoutDigest.slice(colon + 1);
}

/** Why the evidence does not cover a version, or undefined when it does. */
function evidenceProblem(evidence: UpgradeEvidence | undefined, version: string, stack: string | undefined): string | undefined {
    if (!evidence) {
        return `the stack config records no resilience:database.upgradeEvidence`;
    }
    if (evidence.version !== version) {
        return `resilience:database.upgradeEvidence.version is "${evidence.version}", not "${version}"`;
    }
    if (!evidence.stack || evidence.stack === stack) {
        return `resilience:database.upgradeEvidence.stack must name the lower stack whose game-day passed, not ${JSON.stringify(evidence.stack)}`;
    }
    if (nameLooksLikeProduction(evidence.stack)) {
        return `resilience:database.upgradeEvidence.stack "${evidence.stack}" is a production stack, not a lower environment`;
    }
    if (!evidence.report) {
        return `resilience:database.upgradeEvidence.report must name the passing report`;
    }
    return undefined;
}

/**
 * A stack policy that fails a preview which changes a cluster's engine version (major or minor)
 * unless the stack config records that the same version passed a game-day in a lower environment.
 */
export function engineVersionChangeRequiresGameday(context: StackContext): StackValidationPolicy {
    return {
        name: "engine-version-change-requires-gameday",
        description: "A database engine version change needs resilience:database.upgradeEvidence naming that version and the lower stack whose game-day it passed.",
        severity: "critical",
        configSchema: schemaWithDefaults(engineVersionDefaults, {
            deployedEngineVersions: {
                type: "object",
                additionalProperties: { type: "string" },
                description: "The engine version each database cluster runs now, by Pulumi resource name or URN (CI writes it from `pulumi stack export`).",
            },
            whenDeployedVersionUnknown: {
                type: "string",
                enum: ["requireEvidence", "allow"],
                description: "What a cluster without a recorded deployed version needs: evidence, as for a change (fail closed), or nothing.",
            },
        }),
        validateStack: (args, reportViolation) => {
            const config = settings(args, engineVersionDefaults);
            const stack = stackOfResources(args.resources) ?? context.stack;
            const clusters = [
                ...ofType(args.resources, ResourceType.rdsCluster),
                ...ofType(args.resources, ResourceType.cnpgCluster),
            ];
            for (const cluster of clusters) {
                const declared = declaredEngineVersion(cluster);
                if (declared === undefined) {
                    continue;
                }
                const deployed = config.deployedEngineVersions[cluster.urn] ?? config.deployedEngineVersions[cluster.name];
                if (deployed === declared) {
                    continue;
                }
                if (deployed === undefined && config.whenDeployedVersionUnknown === "allow") {
                    continue;
                }
                const problem = evidenceProblem(context.upgradeEvidence, declared, stack);
                if (problem === undefined) {
                    continue;
                }
                const change = deployed === undefined
                    ? `declares engine version ${declared} and its deployed version is not recorded (deployedEngineVersions)`
                    : `changes engine version ${deployed} -> ${declared}`;
                reportViolation(
                    `Cluster "${cluster.name}" in stack "${stack}" ${change}, but ${problem}. ` +
                    `Run the game-day with ${declared} in a lower stack first, then record it in ` +
                    `resilience:database.upgradeEvidence { version, stack, report }.`, cluster.urn);
            }
        },
    };
}

/** Every upgrade policy, in the order they appear in the pack. */
export function upgradePolicies(context: StackContext): StackValidationPolicy[] {
    return [engineVersionChangeRequiresGameday(context)];
}
