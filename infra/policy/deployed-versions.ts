// Reads the engine version each database cluster runs from a `pulumi stack export`, for the
// engine-version policy's `deployedEngineVersions` (see upgrades.ts and scripts/deployed-engine-versions.ts).
import { ResourceType } from "./resources";
import { imageTag } from "./upgrades";

/** The policy whose config records deployed versions. */
export const engineVersionPolicyName = "engine-version-change-requires-gameday";

interface ExportedResource {
    urn?: string;
    type?: string;
    inputs?: Record<string, any>;
    outputs?: Record<string, any>;
}

/**
 * The deployed engine version of every database cluster in an exported deployment, by URN: Aurora's
 * `engineVersion` as last deployed (what a preview's diff compares with; `engineVersionActual` only
 * when it is absent), CloudNativePG's image tag.
 */
export function deployedEngineVersions(exported: unknown): Record<string, string> {
    const resources = ((exported as { deployment?: { resources?: unknown } })?.deployment?.resources ?? []) as ExportedResource[];
    const versions: Record<string, string> = {};
    for (const resource of Array.isArray(resources) ? resources : []) {
        if (!resource.urn) {
            continue;
        }
        const version = versionOf(resource);
        if (version !== undefined) {
            versions[resource.urn] = version;
        }
    }
    return versions;
}

function versionOf(resource: ExportedResource): string | undefined {
    const outputs = resource.outputs ?? {};
    const inputs = resource.inputs ?? {};
    let version: unknown;
    switch (resource.type) {
        case ResourceType.rdsCluster:
        case ResourceType.rdsInstance:
            version = outputs.engineVersion || inputs.engineVersion || outputs.engineVersionActual;
            break;
        case ResourceType.cnpgCluster:
            version = imageTag(outputs.spec?.imageName ?? inputs.spec?.imageName) ??
                outputs.spec?.imageCatalogRef?.major ?? inputs.spec?.imageCatalogRef?.major;
            break;
        default:
            return undefined;
    }
    return typeof version === "string" || typeof version === "number" ? String(version) : undefined;
}

/** A policy config with the deployed versions set on the engine-version policy, other entries kept. */
export function policyConfigWithDeployedVersions(
    base: Record<string, unknown>,
    versions: Record<string, string>,
): Record<string, unknown> {
    const existing = base[engineVersionPolicyName];
    const entry = typeof existing === "string"
        ? { enforcementLevel: existing }
        : typeof existing === "object" && existing !== null ? existing as Record<string, unknown> : {};
    return { ...base, [engineVersionPolicyName]: { ...entry, deployedEngineVersions: versions } };
}
