/**
 * The game-day on the stack's schedule on Kubernetes: a CronJob running the chaos image with its own
 * ServiceAccount, allowed only what the chaos suite's Kubernetes adapter does (read the Cluster and
 * restore its size, list pods, read services and each cell's application Secret, delete a pod and its
 * PVC to lose a "machine"), reports kept on a PersistentVolumeClaim so that each run is judged against the earlier
 * ones, and the verdict as the Job's own status: a failed Job is a Kubernetes event (the job
 * controller's BackoffLimitExceeded / DeadlineExceeded), and kube-state-metrics'
 * `kube_job_status_failed` for this CronJob's Jobs is the metric a PrometheusRule alerts on.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import {
    CHAOS_IMAGE_UID,
    GAMEDAY_DEADLINE_SECONDS,
    GAMEDAY_TASK_ENTRYPOINT,
    gamedayTaskArguments,
    gamedayTaskEnvironment,
    reportsDirOf,
} from "../gamedayTask";
import { labelsOf } from "./prometheusAlarms";

export interface ScheduledGamedayArgs {
    /** The stack the image runs (`Pulumi.<stack>.yaml` inside the image). */
    readonly stack: string;
    /** `resilience:gameday.schedule`: five-field cron, UTC. */
    readonly schedule: string;
    /** `resilience:gameday.image`. */
    readonly image: string;
    /** Production stacks are run with `--allow-production <stack>`. */
    readonly production: boolean;
    /** The databases' namespace: the CronJob runs beside the clusters it tests. */
    readonly namespace: string;
    /** Each cell's CloudNativePG application Secret (`<cluster>-app`): the only Secrets it may read. */
    readonly appSecrets: readonly string[];
    /** null: the cluster's default storage class. */
    readonly storageClass: string | null;
    /** `key=value` labels the cluster's Prometheus selects PrometheusRules on. */
    readonly monitoringLabels: readonly string[];
    /** Declare the GamedayFailed PrometheusRule (false when resilience:kubernetes.monitoring is false). */
    readonly verdictRule: boolean;
    /** The Prometheus that evaluates the stack's PrometheusRule (the adapter reads alarm state there). */
    readonly prometheusUrl: string;
    readonly dependsOn: pulumi.Resource[];
}

/** The name of every object of the scheduled game-day (and of its Jobs' prefix). */
export const GAMEDAY_NAME = "chaos-gameday";

/** Room for a year of weekly reports (each a few hundred kB with its HTML). */
export const REPORTS_VOLUME_SIZE = "1Gi";

/**
 * What the chaos suite's Kubernetes adapter (src/ChaosSuite/Platform/Kubernetes, whose preflight checks
 * each of these; docs/gameday-kubernetes.md) does, and nothing more: read the Cluster and patch its
 * `spec.instances` back on rollback, list and delete pods and delete a PVC (a CloudNativePG "machine
 * loss"), read the services, and read only its cells' application Secrets (by name, not all Secrets).
 */
export function gamedayRules(appSecrets: readonly string[]): k8s.types.input.rbac.v1.PolicyRule[] {
    return [
        { apiGroups: ["postgresql.cnpg.io"], resources: ["clusters"], verbs: ["get", "patch"] },
        // A planned switchover is CloudNativePG's promote: status.targetPrimary through the status subresource.
        { apiGroups: ["postgresql.cnpg.io"], resources: ["clusters/status"], verbs: ["patch"] },
        { apiGroups: [""], resources: ["pods"], verbs: ["list", "delete"] },
        { apiGroups: [""], resources: ["persistentvolumeclaims"], verbs: ["delete"] },
        { apiGroups: [""], resources: ["services"], verbs: ["get"] },
        { apiGroups: [""], resources: ["secrets"], resourceNames: [...appSecrets], verbs: ["get"] },
    ];
}

/** Where the adapter reads the alerts of the stack's PrometheusRule when `gameday:prometheusUrl` is not set. */
export const DEFAULT_PROMETHEUS_URL = "http://prometheus-operated.monitoring.svc:9090";

export class ScheduledGameday extends pulumi.ComponentResource {
    readonly cronJob: k8s.batch.v1.CronJob;

    constructor(name: string, args: ScheduledGamedayArgs, opts?: pulumi.ComponentResourceOptions) {
        super("resilience:kubernetes:ScheduledGameday", name, {}, opts);
        const { namespace } = args;
        const labels = { "app.kubernetes.io/name": GAMEDAY_NAME, "resilience.dev/stack": args.stack };
        const parent = { parent: this, dependsOn: args.dependsOn };
        const metadata = { name: GAMEDAY_NAME, namespace, labels };

        const account = new k8s.core.v1.ServiceAccount(`${name}-account`, { metadata, automountServiceAccountToken: true }, parent);
        const role = new k8s.rbac.v1.Role(`${name}-role`, { metadata, rules: gamedayRules(args.appSecrets) }, parent);
        new k8s.rbac.v1.RoleBinding(
            `${name}-binding`,
            {
                metadata,
                roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: role.metadata.name },
                subjects: [{ kind: "ServiceAccount", name: account.metadata.name, namespace }],
            },
            parent,
        );
        const reports = new k8s.core.v1.PersistentVolumeClaim(
            `${name}-reports`,
            {
                metadata: { ...metadata, name: `${GAMEDAY_NAME}-reports`, annotations: { "pulumi.com/skipAwait": "true" } },
                spec: {
                    accessModes: ["ReadWriteOnce"],
                    resources: { requests: { storage: REPORTS_VOLUME_SIZE } },
                    ...(args.storageClass === null ? {} : { storageClassName: args.storageClass }),
                },
            },
            // A WaitForFirstConsumer class binds the claim only when the first Job's pod is scheduled:
            // do not wait for it to bind.
            { ...parent },
        );

        this.cronJob = new k8s.batch.v1.CronJob(
            `${name}-cronjob`,
            {
                metadata,
                spec: {
                    schedule: args.schedule,
                    timeZone: "UTC",
                    // Two game-days at once would each see the other's faults.
                    concurrencyPolicy: "Forbid",
                    // A run missed by more than an hour (controller down) is skipped, not started late into a window.
                    startingDeadlineSeconds: 3600,
                    successfulJobsHistoryLimit: 3,
                    failedJobsHistoryLimit: 3,
                    jobTemplate: {
                        metadata: { labels },
                        spec: {
                            // A game-day is never retried blindly: a failure is the verdict.
                            backoffLimit: 0,
                            activeDeadlineSeconds: GAMEDAY_DEADLINE_SECONDS,
                            template: {
                                metadata: { labels },
                                spec: {
                                    serviceAccountName: account.metadata.name,
                                    restartPolicy: "Never",
                                    securityContext: {
                                        runAsNonRoot: true,
                                        runAsUser: CHAOS_IMAGE_UID,
                                        runAsGroup: CHAOS_IMAGE_UID,
                                        fsGroup: CHAOS_IMAGE_UID,
                                        seccompProfile: { type: "RuntimeDefault" },
                                    },
                                    // chaos restores the desired state on SIGTERM before it exits.
                                    terminationGracePeriodSeconds: 300,
                                    containers: [
                                        {
                                            name: "chaos",
                                            image: args.image,
                                            command: [GAMEDAY_TASK_ENTRYPOINT],
                                            args: gamedayTaskArguments(args.stack, args.production),
                                            env: [
                                                ...gamedayTaskEnvironment(args.stack),
                                                { name: "CHAOS_KUBE_NAMESPACE", value: namespace },
                                                { name: "CHAOS_PROMETHEUS_URL", value: args.prometheusUrl },
                                            ],
                                            resources: { requests: { cpu: "500m", memory: "512Mi" }, limits: { cpu: "2", memory: "2Gi" } },
                                            securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
                                            volumeMounts: [{ name: "reports", mountPath: reportsDirOf(args.stack) }],
                                        },
                                    ],
                                    volumes: [{ name: "reports", persistentVolumeClaim: { claimName: reports.metadata.name } }],
                                },
                            },
                        },
                    },
                },
            },
            parent,
        );

        if (args.verdictRule) {
            this.declareVerdictRule(name, args, labels, parent);
        }
        this.registerOutputs({ cronJob: this.cronJob.metadata.name });
    }

    /** The verdict as a metric alert: kube-state-metrics' failed count of this CronJob's Jobs. */
    private declareVerdictRule(name: string, args: ScheduledGamedayArgs, labels: Record<string, string>, parent: pulumi.CustomResourceOptions): void {
        const { namespace } = args;
        new k8s.apiextensions.CustomResource(
            `${name}-verdict-rule`,
            {
                apiVersion: "monitoring.coreos.com/v1",
                kind: "PrometheusRule",
                metadata: { name: `${GAMEDAY_NAME}-verdict`, namespace, labels: { ...labelsOf(args.monitoringLabels), ...labels } },
                spec: {
                    groups: [
                        {
                            name: `${GAMEDAY_NAME}.verdict`,
                            rules: [
                                {
                                    alert: "GamedayFailed",
                                    // The CronJob names its Jobs <cronjob>-<scheduled minute>; a failed one stays until the history limit drops it.
                                    expr: `max by (job_name) (kube_job_status_failed{namespace="${namespace}",job_name=~"${GAMEDAY_NAME}-[0-9]+"}) > 0`,
                                    labels: { severity: "page", stack: args.stack },
                                    annotations: {
                                        summary: `game-day of ${args.stack} failed: {{ $labels.job_name }}`,
                                        description:
                                            `chaos exited non-zero (1 a target missed, 2 bad stack file, 3 aborted) or the Job hit its ` +
                                            `${GAMEDAY_DEADLINE_SECONDS}s deadline; kubectl -n ${namespace} logs job/{{ $labels.job_name }}; reports on PVC ${GAMEDAY_NAME}-reports`,
                                    },
                                },
                            ],
                        },
                    ],
                },
            },
            parent,
        );
    }
}
