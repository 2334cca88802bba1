/**
 * The CloudNativePG operator from its Helm chart, and the namespace the database clusters live in.
 * Clusters depend on the release, so a preview never meets a `Cluster` before its CRD exists.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { OPERATOR_CHART, OPERATOR_CHART_REPO, OPERATOR_NAMESPACE, STREAMING_PROBE_MIN_CHART } from "./constants";

export interface CnpgOperatorArgs {
    /** `resilience:kubernetes.operatorChartVersion`. */
    readonly chartVersion: string;
    /** `resilience:kubernetes.namespace`: where the clusters go. */
    readonly databaseNamespace: string;
}

export class CnpgOperator extends pulumi.ComponentResource {
    readonly release: k8s.helm.v3.Release;
    readonly databaseNamespace: k8s.core.v1.Namespace;

    constructor(name: string, args: CnpgOperatorArgs, opts?: pulumi.ComponentResourceOptions) {
        super("resilience:kubernetes:CnpgOperator", name, {}, opts);
        if (compareVersions(args.chartVersion, STREAMING_PROBE_MIN_CHART) < 0) {
            pulumi.log.warn(
                `cloudnative-pg chart ${args.chartVersion} installs an operator older than 1.26, which ignores the streaming ` +
                    `readiness probe (the warm-up gate's lag bound); set resilience:kubernetes.operatorChartVersion to ${STREAMING_PROBE_MIN_CHART} or later`,
                this,
            );
        }
        const operatorNamespace = new k8s.core.v1.Namespace(
            `${name}-namespace`,
            { metadata: { name: OPERATOR_NAMESPACE } },
            { parent: this },
        );
        this.release = new k8s.helm.v3.Release(
            `${name}-release`,
            {
                name: "cnpg",
                chart: OPERATOR_CHART,
                version: args.chartVersion,
                repositoryOpts: { repo: OPERATOR_CHART_REPO },
                namespace: operatorNamespace.metadata.name,
                values: { crds: { create: true } },
                // The CRDs must exist before any Cluster is applied.
                waitForJobs: true,
                atomic: true,
            },
            { parent: this },
        );
        this.databaseNamespace = new k8s.core.v1.Namespace(
            `${name}-databases`,
            { metadata: { name: args.databaseNamespace, labels: { "resilience.dev/managed-by": "pulumi" } } },
            { parent: this },
        );
        this.registerOutputs({ release: this.release.status, databaseNamespace: this.databaseNamespace.metadata.name });
    }
}

/** Compares dotted numeric versions (`0.22.1` < `0.24.0`); non-numeric parts count as 0. */
export function compareVersions(a: string, b: string): number {
    const pa = a.split(".").map((p) => Number.parseInt(p, 10) || 0);
    const pb = b.split(".").map((p) => Number.parseInt(p, 10) || 0);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const d = (pa[i] ?? 0) - (pb[i] ?? 0);
        if (d !== 0) {
            return d;
        }
    }
    return 0;
}
