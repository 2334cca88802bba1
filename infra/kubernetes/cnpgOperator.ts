/**
 * The CloudNativePG operator from its Helm chart, and the namespace the database clusters live in.
 * Clusters depend on the release, so a preview never meets a `Cluster` before its CRD exists.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { compareVersions } from "./chartVersion";
import { MIN_OPERATOR_CHART, OPERATOR_CHART, OPERATOR_CHART_REPO, OPERATOR_NAMESPACE } from "./constants";

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
        if (compareVersions(args.chartVersion, MIN_OPERATOR_CHART) < 0) {
            pulumi.log.warn(
                `cloudnative-pg chart ${args.chartVersion} installs an operator older than 1.30.0 (out of support, or without the ` +
                    `Cluster scale selector the autoscaler needs); set resilience:kubernetes.operatorChartVersion to ${MIN_OPERATOR_CHART} or later`,
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
