/** One cell on Kubernetes: its CloudNativePG cluster, HealthProbes and alarms, with the chaos suite's outputs. */
import * as pulumi from "@pulumi/pulumi";
import type { CellSpec, StackSpec } from "../config";
import { instanceCount, kubernetesSettings } from "./clusterShape";
import { CnpgCluster, gateLoginSecretName } from "./cnpgCluster";
import { POSTGRES_PORT } from "./constants";
import { healthProbesImage } from "../healthProbesImage";
import { HealthProbes } from "./healthProbes";
import { PrometheusAlarms } from "./prometheusAlarms";

export interface CnpgCellArgs {
    readonly spec: StackSpec;
    readonly cell: CellSpec;
    /** The namespace the operator component created. */
    readonly namespace: string;
    /** The operator release, which the Cluster waits for. */
    readonly operator: pulumi.Resource;
    /**
     * The Prometheus operator's CRDs, read; the monitoring objects wait for them (monitoringCrds.ts).
     * null: resilience:kubernetes.monitoring is false, and the cell declares no monitoring object.
     */
    readonly monitoringCrds: readonly pulumi.Resource[] | null;
}

/** What the chaos suite needs of a cell on Kubernetes. */
export interface CnpgCellOutputs {
    readonly clusterName: string;
    readonly namespace: string;
    /** CloudNativePG's read-write service: always the primary. */
    readonly writeEndpoint: string;
    /** Replicas whose warm-up gate is open. */
    readonly readEndpoint: string;
    /** CloudNativePG's read-only service: every ready replica (streaming, lag under the bound); a fallback. */
    readonly fallbackReadEndpoint: string;
    readonly port: number;
    readonly instances: number;
    /** The secret CloudNativePG generated with the application user's credentials. */
    readonly credentialsSecret: string;
    readonly alarmNames: readonly string[];
    /** null when resilience:kubernetes.monitoring is false. */
    readonly prometheusRule: string | null;
}

export class CnpgCell extends pulumi.ComponentResource {
    readonly outputs: CnpgCellOutputs;

    constructor(name: string, args: CnpgCellArgs, opts?: pulumi.ComponentResourceOptions) {
        super("resilience:kubernetes:CnpgCell", name, {}, opts);
        const { spec, cell, namespace } = args;
        const clusterName = `pg-${cell.name}`;
        const parent = { parent: this };

        const database = new CnpgCluster(name, { spec, cell, clusterName, namespace, operator: args.operator }, parent);
        const probes = new HealthProbes(
            `${name}-healthprobes`,
            { stack: pulumi.getStack(), cell: cell.name, clusterName, namespace, image: healthProbesImage(), credentialsSecret: gateLoginSecretName(clusterName), cluster: database.cluster },
            parent,
        );
        // null: resilience:kubernetes.monitoring is false, so no PodMonitor and no PrometheusRule.
        const alarms =
            args.monitoringCrds === null
                ? null
                : new PrometheusAlarms(
                      `${name}-alarms`,
                      {
                          clusterName,
                          namespace,
                          cell: cell.name,
                          alarms: spec.alarms,
                          warmService: `${clusterName}-${spec.endpoints.read.name}`,
                          monitoringLabels: kubernetesSettings(spec).monitoringLabels,
                          dependsOn: [args.operator, database.cluster, probes.deployment, ...args.monitoringCrds],
                      },
                      parent,
                  );

        const host = (service: string) => `${service}.${namespace}.svc.cluster.local`;
        this.outputs = {
            clusterName,
            namespace,
            writeEndpoint: host(`${clusterName}-rw`),
            readEndpoint: host(`${clusterName}-${spec.endpoints.read.name}`),
            fallbackReadEndpoint: host(`${clusterName}-ro`),
            port: POSTGRES_PORT,
            instances: instanceCount(spec.replicaGroups),
            credentialsSecret: `${clusterName}-app`,
            alarmNames: alarms?.alertNames ?? [],
            prometheusRule: alarms === null ? null : `${clusterName}-resilience`,
        };
        this.registerOutputs({ ...this.outputs });
    }
}
