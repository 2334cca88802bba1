/**
 * The warm-up gate of one CloudNativePG cluster: `healthprobes gate` (src/HealthProbes) as a Deployment of one
 * pod beside it. It warms every replica pod over its address and labels it `resilience.dev/warm=true` only
 * while its gate is open, which is what the warm-readers Service selects on. Its arguments, environment, port,
 * probes and writable state come from healthProbesContract.json, the names the binary really reads.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { HEALTHPROBES, gateArguments, optionEnvironment } from "../healthProbesContract";

export interface HealthProbesArgs {
    readonly stack: string;
    readonly cell: string;
    readonly clusterName: string;
    readonly namespace: pulumi.Input<string>;
    /** The image (config `healthprobes:image`). */
    readonly image: string;
    /** The gate's own login (a basic-auth Secret: username, password), the role the Cluster manages with read-only grants. */
    readonly credentialsSecret: pulumi.Input<string>;
    readonly cluster: pulumi.Resource;
}

/** What the gate may do in the namespace: read its own Cluster, list the pods and patch their labels. Nothing else. */
export function gateRules(clusterName: string): k8s.types.input.rbac.v1.PolicyRule[] {
    return [
        { apiGroups: [""], resources: ["pods"], verbs: ["list", "patch"] },
        { apiGroups: ["postgresql.cnpg.io"], resources: ["clusters"], resourceNames: [clusterName], verbs: ["get"] },
    ];
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
        const role = new k8s.rbac.v1.Role(`${name}-role`, { metadata: { name: appName, namespace, labels }, rules: gateRules(clusterName) }, parent);
        new k8s.rbac.v1.RoleBinding(
            `${name}-binding`,
            {
                metadata: { name: appName, namespace, labels },
                roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: role.metadata.name },
                subjects: [{ kind: "ServiceAccount", name: account.metadata.name, namespace }],
            },
            parent,
        );

        const probe = { httpGet: { path: HEALTHPROBES.livenessPath, port: "http" } };
        this.deployment = new k8s.apps.v1.Deployment(
            `${name}-deployment`,
            {
                metadata: { name: appName, namespace, labels },
                spec: {
                    replicas: 1,
                    // Never two gates for one cluster at once: the old pod stops before the new one starts.
                    strategy: { type: "Recreate" },
                    selector: { matchLabels: labels },
                    template: {
                        metadata: { labels },
                        spec: {
                            serviceAccountName: account.metadata.name,
                            securityContext: { runAsNonRoot: true, runAsUser: HEALTHPROBES.image.uid, runAsGroup: HEALTHPROBES.image.uid, fsGroup: HEALTHPROBES.image.uid, seccompProfile: { type: "RuntimeDefault" } },
                            containers: [
                                {
                                    name: "healthprobes",
                                    image: args.image,
                                    args: gateArguments(args.stack, [HEALTHPROBES.options.cells, args.cell]),
                                    ports: [{ name: "http", containerPort: HEALTHPROBES.port }],
                                    env: [
                                        { name: optionEnvironment(HEALTHPROBES.options.pgUser), valueFrom: { secretKeyRef: { name: args.credentialsSecret, key: "username" } } },
                                        { name: HEALTHPROBES.passwordEnvironment, valueFrom: { secretKeyRef: { name: args.credentialsSecret, key: "password" } } },
                                        // Diagnostics would want a writable /tmp socket on a read-only root; the gate has /status instead.
                                        { name: "DOTNET_EnableDiagnostics", value: "0" },
                                    ],
                                    readinessProbe: { ...probe, periodSeconds: 5 },
                                    livenessProbe: { ...probe, periodSeconds: 10, failureThreshold: 3, initialDelaySeconds: 10 },
                                    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
                                    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
                                    volumeMounts: [{ name: "state", mountPath: HEALTHPROBES.image.stateDir }],
                                },
                            ],
                            // The gate's ledger: a restarted container keeps it; a new pod starts from the labels (docs/infrastructure.md).
                            volumes: [{ name: "state", emptyDir: { sizeLimit: "16Mi" } }],
                        },
                    },
                },
            },
            { parent: this, dependsOn: [args.cluster] },
        );
        this.registerOutputs({ deployment: this.deployment.metadata.name });
    }
}
