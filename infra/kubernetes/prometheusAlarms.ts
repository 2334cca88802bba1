/**
 * Early alarms for one cluster on Kubernetes: the spec's alarms as a PrometheusRule, and the
 * PodMonitors that make Prometheus scrape the cluster and its HealthProbes.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { AlarmSpec } from "../config";
import { alarmExpression, alarmFor } from "./alarmExpressions";

export interface PrometheusAlarmsArgs {
    readonly clusterName: string;
    readonly namespace: string;
    readonly cell: string;
    readonly alarms: readonly AlarmSpec[];
    /** The warm-readers Service, whose ready endpoints the warm-replicas alert counts. */
    readonly warmService: string;
    /** `key=value` labels the cluster's Prometheus selects PodMonitors and PrometheusRules on. */
    readonly monitoringLabels: readonly string[];
    readonly dependsOn: pulumi.Resource[];
}

/** `["release=kube-prometheus-stack"]` as labels. */
export function labelsOf(pairs: readonly string[]): Record<string, string> {
    return Object.fromEntries(pairs.map((pair) => [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)]));
}

export class PrometheusAlarms extends pulumi.ComponentResource {
    readonly rule: k8s.apiextensions.CustomResource;
    readonly alertNames: readonly string[];

    constructor(name: string, args: PrometheusAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("resilience:kubernetes:PrometheusAlarms", name, {}, opts);
        const { clusterName, namespace } = args;
        const labels = { ...labelsOf(args.monitoringLabels), "resilience.dev/cell": args.cell, "cnpg.io/cluster-ref": clusterName };
        const childOpts = { parent: this, dependsOn: args.dependsOn };

        this.alertNames = args.alarms.map((a) => a.name);
        this.rule = new k8s.apiextensions.CustomResource(
            `${name}-rule`,
            {
                apiVersion: "monitoring.coreos.com/v1",
                kind: "PrometheusRule",
                metadata: { name: `${clusterName}-resilience`, namespace, labels },
                spec: {
                    groups: [
                        {
                            name: `${clusterName}.resilience`,
                            rules: args.alarms.map((alarm) => ({
                                alert: alarm.name,
                                expr: alarmExpression(alarm, { namespace, clusterName, warmService: args.warmService }),
                                for: alarmFor(alarm),
                                labels: { severity: "page", cluster: clusterName, cell: args.cell, metric: alarm.metric },
                                annotations: {
                                    summary: `${clusterName}: ${alarm.metric} ${alarm.comparison} ${alarm.threshold}`,
                                    description: `resilience:alarms ${alarm.name}: ${alarm.evaluationPeriods} x ${alarm.periodSeconds}s`,
                                },
                            })),
                        },
                    ],
                },
            },
            childOpts,
        );

        new k8s.apiextensions.CustomResource(
            `${name}-postgres-monitor`,
            {
                apiVersion: "monitoring.coreos.com/v1",
                kind: "PodMonitor",
                metadata: { name: clusterName, namespace, labels },
                spec: {
                    selector: { matchLabels: { "cnpg.io/cluster": clusterName } },
                    podMetricsEndpoints: [{ port: "metrics" }],
                },
            },
            childOpts,
        );
        new k8s.apiextensions.CustomResource(
            `${name}-healthprobes-monitor`,
            {
                apiVersion: "monitoring.coreos.com/v1",
                kind: "PodMonitor",
                metadata: { name: `${clusterName}-healthprobes`, namespace, labels },
                spec: {
                    selector: { matchLabels: { "app.kubernetes.io/instance": `${clusterName}-healthprobes` } },
                    podMetricsEndpoints: [{ port: "http", path: "/metrics" }],
                },
            },
            childOpts,
        );
        this.registerOutputs({ rule: this.rule.metadata.name, alerts: this.alertNames });
    }
}
