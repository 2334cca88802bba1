/**
 * The Prometheus operator's CRDs the program's PodMonitors and PrometheusRules need, read from the
 * cluster (not created: kube-prometheus-stack owns them). Every monitoring object depends on these
 * reads, so on a cluster without them `pulumi preview` stops at the read, before anything is applied,
 * with the engine's one line naming the missing CRD and (through the read's logical name) what to do:
 *   failed to read resource #podmonitors.monitoring.coreos.com
 *   'podmonitors.monitoring.coreos.com-install-kube-prometheus-stack-first' [...]: ...
 * The program cannot word that line itself: a failed read ends the program inside the SDK.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/** What the program declares of the Prometheus operator's kinds, by CRD name. */
export const MONITORING_CRDS = ["podmonitors.monitoring.coreos.com", "prometheusrules.monitoring.coreos.com"] as const;

/** What to do when a CRD is missing, short enough to be a resource's logical name. */
export const MISSING_CRD_ADVICE = "install-kube-prometheus-stack-first";

export class MonitoringCrds extends pulumi.ComponentResource {
    readonly crds: readonly k8s.apiextensions.v1.CustomResourceDefinition[];

    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("resilience:kubernetes:MonitoringCrds", name, {}, opts);
        this.crds = MONITORING_CRDS.map((crd) =>
            // The engine reports a failed read with the CRD's name and this logical name: it says what to do.
            k8s.apiextensions.v1.CustomResourceDefinition.get(`${crd}-${MISSING_CRD_ADVICE}`, crd, { parent: this }),
        );
        this.registerOutputs({});
    }
}
