/**
 * A cell's database on Kubernetes: a CloudNativePG `Cluster` whose readiness probe is the warm-up
 * gate's lag bound (a replica streaming too far behind leaves the `-ro` service), instances on
 * separate nodes and spread over zones (a lost machine takes one instance, and the operator
 * replaces it: the auto-healing the post-mortem lacked), and a warm-readers service that only
 * replicas HealthProbes marked warm join.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { HEALTHPROBES } from "../healthProbesContract";
import type { CellSpec, StackSpec } from "../config";
import { instanceCount, instanceScaling, kubernetesSettings, maximumLag, podResources, readinessFailureThreshold } from "./clusterShape";
import { POSTGRES_IMAGE, POSTGRES_PORT, WARM_LABEL } from "./constants";

export interface CnpgClusterArgs {
    readonly spec: StackSpec;
    readonly cell: CellSpec;
    /** The Cluster's name, e.g. `pg-default`; CloudNativePG names its `-rw`/`-ro` services after it. */
    readonly clusterName: string;
    readonly namespace: pulumi.Input<string>;
    /** The operator release: the Cluster waits for its CRD. */
    readonly operator: pulumi.Resource;
}

const READINESS_PERIOD_SECONDS = 2;

/** The Secret (kubernetes.io/basic-auth) of the warm-up gate's own database role. */
export function gateLoginSecretName(clusterName: string): string {
    return `${clusterName}-${HEALTHPROBES.probeRole.replace(/_/g, "-")}`;
}

export class CnpgCluster extends pulumi.ComponentResource {
    readonly cluster: k8s.apiextensions.CustomResource;
    readonly warmReaders: k8s.core.v1.Service;
    /** The gate's login: the Secret the operator sets the role's password from and the gate reads. */
    readonly gateLogin: k8s.core.v1.Secret;

    /** Daily base backups at the start of `resilience:database.backupWindow`, when backups are declared. */
    readonly scheduledBackup?: k8s.apiextensions.CustomResource;
    readonly autoscaler?: k8s.autoscaling.v2.HorizontalPodAutoscaler;

    constructor(name: string, args: CnpgClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("resilience:kubernetes:CnpgCluster", name, {}, opts);
        const { spec, cell, clusterName, namespace } = args;
        const kubernetes = kubernetesSettings(spec);
        const zones = kubernetes.zones;
        const instances = instanceCount(spec.replicaGroups);
        const scaling = instanceScaling(spec.replicaGroups);
        const selector = { "cnpg.io/cluster": clusterName };
        const backup = objectStoreBackup(spec, kubernetes.backupDestinationPath, clusterName);
        if (backup === undefined) {
            pulumi.log.warn(
                `${clusterName}: no resilience:kubernetes.backupDestinationPath, so no WAL archive and no base backups; ` +
                    "a lost cluster cannot be restored (the policy pack refuses this in production)",
            );
        }

        // The gate's own role, not the application's: read-only grants, its own password (random, a Pulumi secret,
        // encrypted in the stack's state), which the operator applies and reapplies on change (cnpg.io/reload).
        const gatePassword = new random.RandomPassword(`${name}-gate-password`, { length: 32, special: false }, { parent: this });
        this.gateLogin = new k8s.core.v1.Secret(
            `${name}-gate-login`,
            {
                metadata: { name: gateLoginSecretName(clusterName), namespace, labels: { ...selector, "cnpg.io/reload": "true" } },
                type: "kubernetes.io/basic-auth",
                stringData: { username: HEALTHPROBES.probeRole, password: pulumi.secret(gatePassword.result) },
            },
            { parent: this },
        );

        this.cluster = new k8s.apiextensions.CustomResource(
            name,
            {
                apiVersion: "postgresql.cnpg.io/v1",
                kind: "Cluster",
                metadata: { name: clusterName, namespace, labels: { "resilience.dev/cell": cell.name } },
                spec: {
                    instances,
                    imageName: `${POSTGRES_IMAGE}:${spec.database.engineVersion}`,
                    primaryUpdateStrategy: "unsupervised",
                    postgresql: {
                        // pg_prewarm: the warm-up runs it on a new replica, autoprewarm restores the cache after a restart.
                        shared_preload_libraries: ["pg_prewarm"],
                        synchronous: synchronousReplication(spec, instances),
                    },
                    bootstrap: {
                        initdb: {
                            database: cell.database,
                            owner: spec.database.masterUsername,
                            // The gate prewarms with it (the library is preloaded above; the functions need the extension).
                            postInitApplicationSQL: ["CREATE EXTENSION IF NOT EXISTS pg_prewarm"],
                        },
                    },
                    // The warm-up gate's own role (healthProbesContract.json): pg_monitor reads a replica's WAL receiver and
                    // replay state, pg_read_all_data lets it prewarm or read the tables; it can write nothing.
                    managed: {
                        roles: [
                            {
                                name: HEALTHPROBES.probeRole,
                                ensure: "present",
                                login: true,
                                inRoles: [...HEALTHPROBES.probeRoleGrants],
                                passwordSecret: { name: gateLoginSecretName(clusterName) },
                                comment: "the warm-up gate (healthprobes gate): reads only",
                            },
                        ],
                    },
                    backup,
                    // The pods reach the bucket as this IAM role (IRSA): no stored keys, and the role
                    // grants that one bucket prefix only (docs/infrastructure.md).
                    serviceAccountTemplate:
                        kubernetes.backupRoleArn === null
                            ? undefined
                            : { metadata: { annotations: { "eks.amazonaws.com/role-arn": kubernetes.backupRoleArn } } },
                    storage: {
                        size: `${spec.database.storageGb}Gi`,
                        storageClass: kubernetes.storageClass ?? undefined,
                    },
                    resources: podResources(spec),
                    affinity: {
                        enablePodAntiAffinity: true,
                        podAntiAffinityType: "required",
                        topologyKey: "kubernetes.io/hostname",
                        nodeAffinity: zones.length === 0 ? undefined : zoneAffinity(zones),
                    },
                    topologySpreadConstraints:
                        zones.length === 0
                            ? undefined
                            : [
                                  {
                                      maxSkew: 1,
                                      topologyKey: "topology.kubernetes.io/zone",
                                      whenUnsatisfiable: "DoNotSchedule",
                                      labelSelector: { matchLabels: selector },
                                  },
                              ],
                    probes: {
                        readiness: {
                            type: "streaming",
                            maximumLag: maximumLag(spec.replicaGroups),
                            periodSeconds: READINESS_PERIOD_SECONDS,
                            failureThreshold: readinessFailureThreshold(spec.replicaGroups, READINESS_PERIOD_SECONDS),
                        },
                    },
                },
            },
            {
                parent: this,
                dependsOn: [args.operator, this.gateLogin],
                // With autoscaling the HorizontalPodAutoscaler owns spec.instances.
                ignoreChanges: scaling === null ? [] : ["spec.instances"],
            },
        );

        this.warmReaders = new k8s.core.v1.Service(
            `${name}-${spec.endpoints.read.name}`,
            {
                metadata: { name: `${clusterName}-${spec.endpoints.read.name}`, namespace, labels: selector },
                spec: {
                    type: "ClusterIP",
                    // Only replicas whose warm-up gate HealthProbes found open; CloudNativePG's `-ro` is the fallback.
                    selector: { ...selector, "cnpg.io/instanceRole": "replica", [WARM_LABEL]: "true" },
                    ports: [{ name: "postgres", port: POSTGRES_PORT, targetPort: POSTGRES_PORT }],
                },
            },
            { parent: this, dependsOn: [this.cluster] },
        );

        if (backup !== undefined) {
            this.scheduledBackup = new k8s.apiextensions.CustomResource(
                `${name}-base-backup`,
                {
                    apiVersion: "postgresql.cnpg.io/v1",
                    kind: "ScheduledBackup",
                    metadata: { name: `${clusterName}-daily`, namespace, labels: { "resilience.dev/cell": cell.name } },
                    spec: {
                        schedule: dailyAt(spec.database.backupWindow),
                        cluster: { name: clusterName },
                        method: "barmanObjectStore",
                        backupOwnerReference: "self",
                        // A first base backup right away: WAL alone restores nothing.
                        immediate: true,
                    },
                },
                { parent: this, dependsOn: [this.cluster] },
            );
        }

        if (scaling !== null) {
            this.autoscaler = new k8s.autoscaling.v2.HorizontalPodAutoscaler(
                `${name}-autoscaler`,
                {
                    metadata: { name: clusterName, namespace },
                    spec: {
                        scaleTargetRef: { apiVersion: "postgresql.cnpg.io/v1", kind: "Cluster", name: clusterName },
                        minReplicas: scaling.minInstances,
                        maxReplicas: scaling.maxInstances,
                        metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: scaling.targetCpuPercent } } }],
                        behavior: {
                            scaleUp: { stabilizationWindowSeconds: scaling.scaleUpWindowSeconds },
                            scaleDown: { stabilizationWindowSeconds: scaling.scaleDownWindowSeconds },
                        },
                    },
                },
                { parent: this, dependsOn: [this.cluster] },
            );
        }

        this.registerOutputs({ cluster: clusterName, instances });
    }
}

/**
 * WAL archiving and base backups to the object store, kept `resilience:database.backupRetentionDays`
 * days. Credentials come from the platform's workload identity (IRSA on s3://, GKE workload identity
 * on gs://, Azure AD on https://), never from stored keys. Each cluster writes under its own prefix.
 */
function objectStoreBackup(spec: StackSpec, destination: string | null, clusterName: string): object | undefined {
    if (destination === null) {
        return undefined;
    }
    const credentials = destination.startsWith("s3://")
        ? { s3Credentials: { inheritFromIAMRole: true } }
        : destination.startsWith("gs://")
          ? { googleCredentials: { gkeEnvironment: true } }
          : { azureCredentials: { inheritFromAzureAD: true } };
    return {
        retentionPolicy: `${spec.database.backupRetentionDays}d`,
        barmanObjectStore: {
            destinationPath: `${destination.replace(/\/+$/, "")}/${clusterName}`,
            ...credentials,
            wal: { compression: "gzip" },
            data: { compression: "gzip" },
        },
    };
}

/** CloudNativePG's six-field cron (seconds first) for the start of a daily `hh:mm-hh:mm` window. */
export function dailyAt(backupWindow: string): string {
    const [hour, minute] = (backupWindow.split("-")[0] ?? "00:00").split(":").map(Number);
    return `0 ${minute} ${hour} * * *`;
}

/**
 * Quorum synchronous replication with quorum-checked failover (docs/double-faults.md). `failoverQuorum`
 * (operator 1.28+) promotes a standby only when the reachable standbys must hold every acknowledged
 * write (R + W > N), so a double fault is never lossy. With three or more replicas a write waits for two
 * of them: losing one replica and the primary together still leaves a standby with every write, and
 * one replica's loss stalls nothing. With two replicas a write waits for one (waiting for both would
 * stall every commit whenever either is lost, since production requires `dataDurability: required`), so
 * a double fault there is safe but waits for an operator's `kubectl cnpg promote`.
 */
function synchronousReplication(spec: StackSpec, instances: number): CnpgSynchronous | undefined {
    if (!spec.database.synchronousReplication) {
        return undefined;
    }
    if (instances < 2) {
        pulumi.log.warn("synchronous replication needs a replica; this cluster has none, so writes are asynchronous");
        return undefined;
    }
    const replicas = instances - 1;
    return { method: "any", number: replicas >= 3 ? 2 : 1, failoverQuorum: true };
}

interface CnpgSynchronous {
    method: "any";
    number: number;
    failoverQuorum: boolean;
}

function zoneAffinity(zones: readonly string[]): object {
    return {
        requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: "topology.kubernetes.io/zone", operator: "In", values: [...zones] }] }],
        },
    };
}
