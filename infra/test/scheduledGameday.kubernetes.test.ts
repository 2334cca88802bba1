/**
 * The scheduled game-day of Pulumi.k8s-staging.yaml under mocks (kubernetes/scheduledGameday.ts): the
 * CronJob's shape against the batch/v1 API's rules, its least-privilege RBAC, the reports volume and
 * the verdict alert. The manifests' field names and types are checked by the compiler against
 * @pulumi/kubernetes' types (generated from the Kubernetes OpenAPI schema); the API's value rules
 * (enums, required fields, what a Job pod may declare) are asserted here.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { REPO_ROOT, ofType, runProgram } from "./harness";
import type { ProgramRun, RegisteredResource } from "./harness";

const T = {
    cronJob: "kubernetes:batch/v1:CronJob",
    account: "kubernetes:core/v1:ServiceAccount",
    role: "kubernetes:rbac.authorization.k8s.io/v1:Role",
    binding: "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
    claim: "kubernetes:core/v1:PersistentVolumeClaim",
    rule: "kubernetes:monitoring.coreos.com/v1:PrometheusRule",
} as const;

function gameday(run: ProgramRun, type: string): RegisteredResource {
    const found = ofType(run, type).filter((r) => r.name.startsWith("gameday-"));
    assert.equal(found.length, 1, `expected one game-day ${type}, got ${found.length}`);
    return found[0] as RegisteredResource;
}

describe("Pulumi.k8s-staging.yaml: the game-day CronJob", () => {
    let run: ProgramRun;
    let cronJob: Record<string, any>;
    let pod: Record<string, any>;
    before(async () => {
        run = await runProgram("k8s-staging");
        cronJob = gameday(run, T.cronJob).inputs;
        pod = cronJob.spec.jobTemplate.spec.template.spec;
    });

    it("runs on the stack's cron, in UTC, never two at once, never retried, bounded by the game-day's run time", () => {
        assert.equal(cronJob.spec.schedule, "30 4 * * 2");
        assert.equal(cronJob.spec.timeZone, "UTC");
        assert.equal(cronJob.spec.concurrencyPolicy, "Forbid");
        assert.equal(cronJob.spec.jobTemplate.spec.backoffLimit, 0);
        assert.equal(cronJob.spec.jobTemplate.spec.activeDeadlineSeconds, 120 * 60, "GAMEDAY_RUN_MINUTES, the window no maintenance may overlap");
        assert.ok(cronJob.spec.startingDeadlineSeconds > 0);
    });

    it("satisfies the batch/v1 API's value rules", () => {
        assert.ok(["Allow", "Forbid", "Replace"].includes(cronJob.spec.concurrencyPolicy));
        // A Job's pod template may only restart Never or OnFailure; the API rejects Always.
        assert.ok(["Never", "OnFailure"].includes(pod.restartPolicy));
        assert.match(cronJob.metadata.name, /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
        // The controller appends an 11-character suffix to Job names, which are at most 63 characters.
        assert.ok(cronJob.metadata.name.length <= 52, cronJob.metadata.name);
        assert.equal(cronJob.spec.schedule.split(" ").length, 5);
        for (const container of pod.containers) {
            assert.ok(container.name && container.image, "name and image are required");
        }
        const volumes = new Set(pod.volumes.map((v: { name: string }) => v.name));
        for (const mount of pod.containers.flatMap((c: { volumeMounts?: { name: string }[] }) => c.volumeMounts ?? [])) {
            assert.ok(volumes.has(mount.name), `mount ${mount.name} has a volume`);
        }
    });

    it("runs the stack's image through the game-day entrypoint as the image's non-root user", () => {
        const [container] = pod.containers;
        assert.equal(pod.containers.length, 1);
        assert.equal(container.image, "ghcr.io/example/resilience/chaos:latest");
        assert.deepEqual(container.command, ["/usr/local/bin/gameday-task"]);
        assert.deepEqual(container.args, [], "k8s-staging is not production: no --allow-production");
        assert.deepEqual(container.env, [
            { name: "GAMEDAY_STACK", value: "k8s-staging" },
            { name: "CHAOS_KUBE_NAMESPACE", value: "databases" },
            { name: "CHAOS_PROMETHEUS_URL", value: "http://prometheus-operated.monitoring.svc:9090" },
        ]);
        assert.equal(pod.securityContext.runAsNonRoot, true);
        assert.equal(pod.securityContext.runAsUser, 1654);
        assert.equal(container.securityContext.allowPrivilegeEscalation, false);
        assert.deepEqual(container.securityContext.capabilities.drop, ["ALL"]);
        assert.ok(container.resources.limits.memory && container.resources.limits.cpu);
    });

    it("keeps the reports on a claim mounted where chaos writes them, so each run is judged against the earlier ones", () => {
        const claim = gameday(run, T.claim).inputs;
        assert.deepEqual(claim.spec.accessModes, ["ReadWriteOnce"]);
        assert.equal(claim.spec.storageClassName, "gp3");
        assert.equal(pod.volumes[0].persistentVolumeClaim.claimName, claim.metadata.name);
        assert.equal(pod.containers[0].volumeMounts[0].mountPath, "/stacks/reports/k8s-staging");
        assert.equal(pod.securityContext.fsGroup, 1654, "the volume is writable by the image's user");
    });

    it("has its own ServiceAccount bound to a Role with only what the chaos adapter does", () => {
        const account = gameday(run, T.account).inputs;
        const role = gameday(run, T.role).inputs;
        const binding = gameday(run, T.binding).inputs;
        assert.equal(pod.serviceAccountName, account.metadata.name);
        assert.deepEqual(binding.subjects, [{ kind: "ServiceAccount", name: account.metadata.name, namespace: "databases" }]);
        assert.deepEqual(binding.roleRef, { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: role.metadata.name });
        assert.equal(role.metadata.namespace, "databases", "a namespaced Role, not a ClusterRole");
        const verbs = (group: string, resource: string) =>
            role.rules
                .filter((r: { apiGroups: string[]; resources: string[] }) => r.apiGroups.includes(group) && r.resources.includes(resource))
                .flatMap((r: { verbs: string[] }) => r.verbs)
                .sort();
        // What the adapter's preflight checks (docs/gameday-kubernetes.md, "RBAC the runner needs").
        assert.deepEqual(verbs("postgresql.cnpg.io", "clusters"), ["get", "patch"]);
        assert.deepEqual(verbs("postgresql.cnpg.io", "clusters/status"), ["patch"]);
        assert.deepEqual(verbs("", "pods"), ["delete", "list"]);
        assert.deepEqual(verbs("", "services"), ["get"]);
        assert.deepEqual(verbs("", "persistentvolumeclaims"), ["delete"]);
        const secrets = role.rules.find((r: { resources: string[] }) => r.resources.includes("secrets"));
        assert.deepEqual(secrets, { apiGroups: [""], resources: ["secrets"], resourceNames: ["pg-default-app"], verbs: ["get"] });
        for (const rule of role.rules) {
            assert.ok(!rule.verbs.includes("*") && !rule.resources.includes("*") && !rule.apiGroups.includes("*"), JSON.stringify(rule));
            assert.ok(!rule.verbs.some((v: string) => ["create", "update", "escalate", "bind", "impersonate"].includes(v)), JSON.stringify(rule));
            assert.ok(!rule.verbs.includes("patch") || ["clusters", "clusters/status"].includes(rule.resources.join()), `only the Cluster (and its status, to promote) is patched: ${JSON.stringify(rule)}`);
        }
    });

    it("alerts when a game-day Job failed (kube-state-metrics' kube_job_status_failed), with the labels Prometheus selects on", () => {
        const rule = gameday(run, T.rule).inputs;
        const [alert] = rule.spec.groups[0].rules;
        assert.equal(alert.alert, "GamedayFailed");
        assert.equal(alert.expr, 'max by (job_name) (kube_job_status_failed{namespace="databases",job_name=~"chaos-gameday-[0-9]+"}) > 0');
        assert.equal(rule.metadata.labels.release, "kube-prometheus-stack");
        assert.equal(alert.labels.severity, "page");
    });
});

describe("a production stack on kubernetes", () => {
    it("runs its game-day with --allow-production <stack>", async () => {
        const file = join(mkdtempSync(join(tmpdir(), "k8s-prod-")), "Pulumi.k8s-prod.yaml");
        const staging = readFileSync(join(REPO_ROOT, "Pulumi.k8s-staging.yaml"), "utf8");
        writeFileSync(file, staging.replace("resilience:environment: staging", "resilience:environment: production"));
        const run = await runProgram(file);
        const container = gameday(run, T.cronJob).inputs.spec.jobTemplate.spec.template.spec.containers[0];
        assert.deepEqual(container.args, ["--allow-production", "k8s-prod"]);
    });
});
