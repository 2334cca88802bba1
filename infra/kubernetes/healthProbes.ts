/**
 * HealthProbes for one cluster, as a Deployment next to it: it runs the warm-up on new replicas
 * (pg_prewarm of the policy's relations, or a full read of a lazily restored volume) and labels a
 * replica pod warm only when its gate is open, which is what the warm-readers service selects on.
 * It reads the database through the operator's secret references; no password passes through config.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ReplicaGroupSpec } from "../config";
import { HEALTHPROBES_IMAGE, HEALTHPROBES_PORT, WARM_LABEL } from "./constants";

export interface HealthProbesArgs {
    readonly clusterName: string;
    readonly namespace: pulumi.Input<string>;
    /** The groups' warm-up policies, handed to HealthProbes as JSON. */
    readonly groups: readonly ReplicaGroupSpec[];
    readonly cluster: pulumi.Resource;
}

export class HealthProbes extends pulumi.ComponentResource {
    readonly deployment: k8s.apps.v1.Deployment;

    constructor(name: string, args: HealthProbesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("resilience:kubernetes:HealthProbes", name, {}, opts);
        const { clusterName, namespace } = args;
        const appName = `${clusterName}-healthprobes`;
        const labels = { "app.kubernetes.io/name": "healthprobes", "app.kubernetes.io/instance": appName, "cnpg.io/cluster-ref": clusterName };
        const parent = { parent: this };

        const account = new k8s.core.v1.ServiceAccount(`${name}-account`, { metadata: { name: appName, namespace, labels } }, parent);
        // Enough to find the cluster's pods and set the warm label on them; nothing else.
        const role = new k8s.rbac.v1.Role(
            `${name}-role`,
            {
                metadata: { name: appName, namespace, labels },
                rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "watch", "patch"] }],
            },
            parent,
        );
        new k8s.rbac.v1.RoleBinding(
            `${name}-binding`,
            {
                metadata: { name: appName, namespace, labels },
                roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: role.metadata.name },
                subjects: [{ kind: "ServiceAccount", name: account.metadata.name, namespace }],
            },
            parent,
        );

        const appSecret = `${clusterName}-app`;
        const secretEnv = (envName: string, key: string) => ({ name: envName, valueFrom: { secretKeyRef: { name: appSecret, key } } });
        this.deployment = new k8s.apps.v1.Deployment(
            `${name}-deployment`,
            {
                metadata: { name: appName, namespace, labels },
                spec: {
                    replicas: 1,
                    selector: { matchLabels: labels },
                    template: {
                        metadata: { labels },
                        spec: {
                            serviceAccountName: account.metadata.name,
                            securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
                            containers: [
                                {
                                    name: "healthprobes",
                                    image: HEALTHPROBES_IMAGE,
                                    ports: [{ name: "http", containerPort: HEALTHPROBES_PORT }],
                                    env: [
                                        { name: "RESILIENCE_PLATFORM", value: "kubernetes" },
                                        { name: "RESILIENCE_CLUSTER", value: clusterName },
                                        { name: "RESILIENCE_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
                                        { name: "RESILIENCE_WARM_LABEL", value: WARM_LABEL },
                                        { name: "RESILIENCE_WARMUP_POLICIES", value: JSON.stringify(args.groups.map((g) => ({ group: g.name, ...g.warmup }))) },
                                        secretEnv("PGUSER", "username"),
                                        secretEnv("PGPASSWORD", "password"),
                                        { name: "PGHOST", value: `${clusterName}-rw` },
                                    ],
                                    readinessProbe: { httpGet: { path: "/health/live", port: "http" }, periodSeconds: 5 },
                                    livenessProbe: { httpGet: { path: "/health/live", port: "http" }, periodSeconds: 10, failureThreshold: 3 },
                                    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
                                    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
                                },
                            ],
                        },
                    },
                },
            },
            { parent: this, dependsOn: [args.cluster] },
        );
        this.registerOutputs({ deployment: this.deployment.metadata.name });
    }
}
