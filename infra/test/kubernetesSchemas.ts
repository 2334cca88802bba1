/**
 * Validates the Kubernetes manifests the program declares against the schemas their APIs publish:
 * the built-in kinds against the Kubernetes OpenAPI schema (as compiled by the `kubernetes-models`
 * package, generated from Kubernetes 1.34's published OpenAPI document), the Prometheus operator's
 * kinds against its CRDs (`@kubernetes-models/prometheus-operator`), CloudNativePG's against the
 * operator 1.30.0 CRDs in test/data (crdSchemas.ts). Types, enums, formats and required fields are
 * checked; unknown fields of the built-in kinds are the compiler's job (@pulumi/kubernetes' input types,
 * generated from the same OpenAPI document), since the published schemas leave objects open.
 */
import type { RegisteredResource } from "./harness";
import { CNPG_CRDS, crdValidators, schemaErrors } from "./crdSchemas";

export interface Manifest {
    readonly apiVersion: string;
    readonly kind: string;
    readonly [field: string]: unknown;
}

/** The packages export ES modules only; a computed specifier keeps this CommonJS file loading them. */
const importModule = (specifier: string): Promise<Record<string, new (data: unknown) => { validate(): void }>> => import(specifier);

/** The module of a kind's model, by the group that publishes its schema; null when none does. */
function modelModule(apiVersion: string, kind: string): string | null {
    const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
    if (group === "monitoring.coreos.com") {
        return `@kubernetes-models/prometheus-operator/${group}/${version}/${kind}`;
    }
    if (group === "" || group === "apps" || group === "batch" || group === "autoscaling" || group === "policy" || group?.endsWith(".k8s.io") === true) {
        return group === "" ? `kubernetes-models/${version}/${kind}` : `kubernetes-models/${group}/${version}/${kind}`;
    }
    return null;
}

const cnpg = crdValidators(CNPG_CRDS);

/** The schema errors of one manifest, or one line saying no published schema covers its kind. */
export async function publishedSchemaErrors(manifest: Manifest): Promise<string[]> {
    if (manifest.apiVersion.startsWith("postgresql.cnpg.io/")) {
        return schemaErrors(cnpg, manifest);
    }
    const module = modelModule(manifest.apiVersion, manifest.kind);
    const model = module === null ? undefined : await importModule(module).then((m) => m[manifest.kind], () => undefined);
    if (model === undefined) {
        return [`no published schema for ${manifest.apiVersion} ${manifest.kind}`];
    }
    try {
        new model(manifest).validate();
        return [];
    } catch (error) {
        return (error instanceof Error ? error.message : String(error)).split(", ");
    }
}

/** Pulumi's own inputs of a Kubernetes resource that are not part of the manifest. */
const NOT_MANIFEST = new Set(["__defaults"]);

/** The manifest a Kubernetes resource of the program sends to the API server. */
export function manifestOf(resource: RegisteredResource): Manifest {
    return Object.fromEntries(Object.entries(resource.inputs).filter(([key]) => !NOT_MANIFEST.has(key))) as Manifest;
}

/** The Kubernetes resources the program declares, but the Helm release (the chart's manifests are the chart's). */
export function declaredManifests(resources: readonly RegisteredResource[]): RegisteredResource[] {
    return resources.filter((r) => r.custom && r.type.startsWith("kubernetes:") && r.type !== "kubernetes:helm.sh/v3:Release");
}
