/**
 * The Prometheus operator's CRDs the program's PodMonitors and PrometheusRules need, read from the
 * cluster (not created: kube-prometheus-stack owns them). Every monitoring object depends on these
 * reads, so on a cluster without them `pulumi preview` stops at the read, before anything is applied.
 * The program cannot word that error itself (a failed read ends the program inside the engine, which
 * reports it under the read's logical name), so the logical name is the one line a user needs: the
 * missing CRD, and the two ways out (install the operator, or opt out with the spec key):
 *   kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition (podmonitors.monitoring.coreos.com is
 *   missing: install kube-prometheus-stack, or set resilience:kubernetes.monitoring false): error: ...
 * With `resilience:kubernetes.monitoring: false` the program declares no monitoring object and reads
 * nothing here (index.ts).
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/** What the program declares of the Prometheus operator's kinds, by CRD name. */
export const MONITORING_CRDS = ["podmonitors.monitoring.coreos.com", "prometheusrules.monitoring.coreos.com"] as const;

/** The spec key that turns the monitoring objects (and this check) off. */
export const MONITORING_OPT_OUT = "resilience:kubernetes.monitoring false";

/** The read's logical name, which the engine prints with its error when the CRD is missing. */
export function missingCrdLine(crd: string): string {
    return `${crd} is missing: install kube-prometheus-stack, or set ${MONITORING_OPT_OUT}`;
}

export class MonitoringCrds extends pulumi.ComponentResource {
    readonly crds: readonly k8s.apiextensions.v1.CustomResourceDefinition[];

    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("resilience:kubernetes:MonitoringCrds", name, {}, opts);
        this.crds = MONITORING_CRDS.map((crd) =>
            // The engine reports a failed read with this logical name: it says what is wrong and what to do.
            k8s.apiextensions.v1.CustomResourceDefinition.get(missingCrdLine(crd), crd, { parent: this }),
        );
        this.registerOutputs({});
    }
}
