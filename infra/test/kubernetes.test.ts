/**
 * The Kubernetes realization of Pulumi.k8s-staging.yaml under mocks: the CloudNativePG operator
 * from its chart, and per cell a Cluster that waits for it, with the warm-up gate's streaming
 * readiness probe, anti-affinity, zone spread, HealthProbes, alarms and monitors.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { ofType, runProgram } from "./harness";
import type { ProgramRun, RegisteredResource } from "./harness";
import { CNPG_CRDS, crdValidators, schemaErrors } from "./crdSchemas";
import { passwordsIn } from "./inputs";

const T = {
    namespace: "kubernetes:core/v1:Namespace",
    release: "kubernetes:helm.sh/v3:Release",
    cluster: "kubernetes:postgresql.cnpg.io/v1:Cluster",
    service: "kubernetes:core/v1:Service",
    hpa: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
    deployment: "kubernetes:apps/v1:Deployment",
    role: "kubernetes:rbac.authorization.k8s.io/v1:Role",
    rule: "kubernetes:monitoring.coreos.com/v1:PrometheusRule",
    podMonitor: "kubernetes:monitoring.coreos.com/v1:PodMonitor",
} as const;

/** The resources of a type that belong to the cells (not to the stack-wide scheduled game-day). */
function cellResources(run: ProgramRun, type: string): RegisteredResource[] {
    return ofType(run, type).filter((r) => !r.name.startsWith("gameday-"));
}

function only(items: readonly RegisteredResource[], what: string): RegisteredResource {
    assert.equal(items.length, 1, `expected exactly one ${what}, got ${items.length}`);
    return items[0] as RegisteredResource;
}

describe("Pulumi.k8s-staging.yaml on kubernetes", () => {
    let run: ProgramRun;
    let release: RegisteredResource;
    let cluster: RegisteredResource;
    before(async () => {
        run = await runProgram("k8s-staging");
        release = only(ofType(run, T.release), "operator release");
        cluster = only(ofType(run, T.cluster), "Cluster");
    });

    it("declares nothing on AWS", () => {
        assert.deepEqual(
            run.resources.filter((r) => r.type.startsWith("aws:")),
            [],
        );
    });

    it("installs the operator from the cloudnative-pg chart into cnpg-system", () => {
        assert.equal(release.inputs.chart, "cloudnative-pg");
        assert.equal(release.inputs.version, "0.29.0");
        assert.equal(release.inputs.repositoryOpts.repo, "https://cloudnative-pg.github.io/charts");
        assert.equal(release.inputs.namespace, "cnpg-system");
        const namespaces = ofType(run, T.namespace).map((n) => n.inputs.metadata.name);
        assert.deepEqual(namespaces.sort(), ["cnpg-system", "databases"]);
    });

    it("the default chart supports streaming readiness probes, so no warning is raised", () => {
        assert.ok(!run.warnings.some((w) => w.includes("streaming")), run.warnings.join("\n"));
    });

    it("the Cluster depends on the chart, so a preview never meets a missing CRD", () => {
        assert.ok(cluster.dependencies.includes(release.urn));
    });

    it("runs the primary and every group's replicas, from a pinned image, with synchronous replication", () => {
        const spec = cluster.inputs.spec;
        assert.equal(cluster.inputs.metadata.name, "pg-default");
        assert.equal(cluster.inputs.metadata.namespace, "databases");
        assert.equal(spec.instances, 3);
        assert.equal(spec.imageName, "ghcr.io/cloudnative-pg/postgresql:15");
        assert.deepEqual(spec.postgresql.synchronous, { method: "any", number: 1, failoverQuorum: true });
        assert.ok(spec.postgresql.shared_preload_libraries.includes("pg_prewarm"));
        assert.deepEqual(spec.bootstrap.initdb, { database: "app", owner: "app", postInitApplicationSQL: ["CREATE EXTENSION IF NOT EXISTS pg_prewarm"] });
        assert.deepEqual(spec.storage, { size: "50Gi", storageClass: "gp3" });
        assert.deepEqual(spec.resources.requests, { cpu: "2", memory: "4Gi" });
    });

    it("the readiness probe streams with the warm-up policy's maximum lag", () => {
        const readiness = cluster.inputs.spec.probes.readiness;
        assert.equal(readiness.type, "streaming");
        assert.equal(readiness.maximumLag, "16Mi");
        assert.ok(readiness.failureThreshold >= 1);
    });

    it("keeps instances on separate nodes and spreads them over the configured zones", () => {
        const spec = cluster.inputs.spec;
        assert.equal(spec.affinity.enablePodAntiAffinity, true);
        assert.equal(spec.affinity.podAntiAffinityType, "required");
        assert.equal(spec.affinity.topologyKey, "kubernetes.io/hostname");
        const zones = spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0];
        assert.deepEqual(zones.values, ["eu-central-1a", "eu-central-1b", "eu-central-1c"]);
        const spread = spec.topologySpreadConstraints[0];
        assert.equal(spread.topologyKey, "topology.kubernetes.io/zone");
        assert.equal(spread.maxSkew, 1);
        assert.equal(spread.whenUnsatisfiable, "DoNotSchedule");
        assert.deepEqual(spread.labelSelector.matchLabels, { "cnpg.io/cluster": "pg-default" });
    });

    it("the warm-readers service selects only replicas HealthProbes marked warm", () => {
        const service = only(ofType(run, T.service), "service");
        assert.equal(service.inputs.metadata.name, "pg-default-warm-readers");
        assert.deepEqual(service.inputs.spec.selector, {
            "cnpg.io/cluster": "pg-default",
            "cnpg.io/instanceRole": "replica",
            "resilience.dev/warm": "true",
        });
    });

    it("autoscales the Cluster's instances on CPU within the group's bounds, and the Cluster lets it", () => {
        const hpa = only(ofType(run, T.hpa), "autoscaler");
        assert.deepEqual(hpa.inputs.spec.scaleTargetRef, { apiVersion: "postgresql.cnpg.io/v1", kind: "Cluster", name: "pg-default" });
        assert.equal(hpa.inputs.spec.minReplicas, 3);
        assert.equal(hpa.inputs.spec.maxReplicas, 5);
        assert.equal(hpa.inputs.spec.metrics[0].resource.target.averageUtilization, 60);
        assert.equal(hpa.inputs.spec.behavior.scaleUp.stabilizationWindowSeconds, 120);
        assert.deepEqual(cluster.options.ignoreChanges, ["spec.instances"]);
    });

    it("the warm-up gate runs next to the cluster as the binary reads it, with the least rights and its own database role", () => {
        const deployment = only(ofType(run, T.deployment), "HealthProbes deployment");
        const pod = deployment.inputs.spec.template.spec;
        const container = pod.containers[0];
        assert.deepEqual(container.args, [
            "gate", "--stack-file", "/stacks/Pulumi.k8s-staging.yaml", "--state-dir", "/var/lib/healthprobes",
            "--listen", "0.0.0.0:8098", "--cells", "default",
        ]);
        assert.deepEqual(container.ports, [{ name: "http", containerPort: 8098 }]);
        assert.equal(container.livenessProbe.httpGet.path, "/health/live");
        assert.equal(container.image, "ghcr.io/example/resilience/healthprobes:latest");
        const env = Object.fromEntries(container.env.map((e: { name: string }) => [e.name, e]));
        assert.deepEqual(env.RESILIENCE_PGPASSWORD.valueFrom, { secretKeyRef: { name: "pg-default-resilience-gate", key: "password" } });
        assert.deepEqual(env.HEALTHPROBES_PG_USER.valueFrom, { secretKeyRef: { name: "pg-default-resilience-gate", key: "username" } });
        // The state directory is writable on a read-only root.
        assert.equal(container.securityContext.readOnlyRootFilesystem, true);
        assert.deepEqual(container.volumeMounts, [{ name: "state", mountPath: "/var/lib/healthprobes" }]);
        assert.ok(pod.volumes.some((v: { name: string; emptyDir?: unknown }) => v.name === "state" && v.emptyDir !== undefined));
        assert.equal(deployment.inputs.spec.strategy.type, "Recreate");
        const role = only(cellResources(run, T.role), "role");
        assert.deepEqual(role.inputs.rules, [
            { apiGroups: [""], resources: ["pods"], verbs: ["list", "patch"] },
            { apiGroups: ["postgresql.cnpg.io"], resources: ["clusters"], resourceNames: ["pg-default"], verbs: ["get"] },
        ]);
        // The gate's own role, read-only, with its own Secret (the application's role is left as it is).
        assert.deepEqual(cluster.inputs.spec.managed.roles, [
            {
                name: "resilience_gate",
                ensure: "present",
                login: true,
                inRoles: ["pg_monitor", "pg_read_all_data"],
                passwordSecret: { name: "pg-default-resilience-gate" },
                comment: "the warm-up gate (healthprobes gate): reads only",
            },
        ]);
        const login = only(cellResources(run, "kubernetes:core/v1:Secret"), "the gate's login Secret");
        assert.equal(login.inputs.metadata.name, "pg-default-resilience-gate");
        assert.equal(login.inputs.type, "kubernetes.io/basic-auth");
        assert.equal(login.inputs.metadata.labels["cnpg.io/reload"], "true");
        assert.equal(login.inputs.stringData.username, "resilience_gate");
        assert.ok(login.secretProperties.includes("stringData"), "the password is a Pulumi secret");
        assert.match(login.inputs.stringData.password, /^mock-random-/);
        const password = only(ofType(run, "random:index/randomPassword:RandomPassword"), "the gate's password");
        assert.equal(password.inputs.length, 32);
        assert.ok(cluster.dependencies.includes(login.urn), "the Secret exists before the Cluster's role needs it");
        assert.deepEqual(cluster.inputs.spec.bootstrap.initdb.postInitApplicationSQL, ["CREATE EXTENSION IF NOT EXISTS pg_prewarm"]);
    });

    it("alarms become a PrometheusRule, one alert per spec alarm, and PodMonitors scrape the cluster", () => {
        const rule = only(cellResources(run, T.rule), "PrometheusRule");
        const rules = rule.inputs.spec.groups[0].rules as { alert: string; expr: string; for: string }[];
        assert.deepEqual(
            rules.map((r) => r.alert),
            ["primary-cpu-high", "reader-cpu-high", "replica-lag-high", "connections-high"],
        );
        const lag = rules.find((r) => r.alert === "replica-lag-high");
        assert.equal(lag?.expr, 'max(cnpg_pg_replication_lag{namespace="databases",pod=~"pg-default-[0-9]+"}) > 2');
        assert.equal(lag?.for, "120s");
        const monitors = ofType(run, T.podMonitor);
        assert.ok(monitors.some((m) => m.inputs.spec.selector.matchLabels["cnpg.io/cluster"] === "pg-default"));
        assert.ok(rule.dependencies.includes(release.urn), "the CRDs come with the chart's dependencies");
    });

    it("every CloudNativePG manifest it declares satisfies the operator 1.30.0 CRD schemas", () => {
        const validators = crdValidators(CNPG_CRDS);
        const manifests = run.resources.filter((r) => r.type.startsWith("kubernetes:postgresql.cnpg.io/"));
        assert.deepEqual(manifests.map((m) => m.inputs.kind).sort(), ["Cluster", "ScheduledBackup"]);
        for (const manifest of manifests) {
            const { apiVersion, kind, metadata, spec } = manifest.inputs;
            assert.deepEqual(schemaErrors(validators, { apiVersion, kind, metadata, spec }), [], `${kind} ${manifest.name}`);
        }
        // The validator bites: a misspelt field and a wrong type are refused, as an API server would.
        const { apiVersion, kind, metadata, spec } = cluster.inputs;
        const broken = { apiVersion, kind, metadata, spec: { ...spec, instance: 3, probes: { readiness: { type: "lag" } } } };
        const errors = schemaErrors(validators, broken);
        assert.ok(errors.some((e) => e.includes("additionalProperty") && e.includes("instance")), errors.join("\n"));
        assert.ok(errors.some((e) => e.startsWith("/spec/probes/readiness/type")), errors.join("\n"));
    });

    it("archives WAL and takes daily base backups to the object store with the spec's retention, through IRSA", () => {
        const backup = cluster.inputs.spec.backup;
        assert.equal(backup.retentionPolicy, "7d");
        assert.equal(backup.barmanObjectStore.destinationPath, "s3://acme-resilience-backups/k8s-staging/pg-default");
        assert.deepEqual(backup.barmanObjectStore.s3Credentials, { inheritFromIAMRole: true });
        assert.equal(cluster.inputs.spec.serviceAccountTemplate.metadata.annotations["eks.amazonaws.com/role-arn"], "arn:aws:iam::123456789012:role/k8s-staging-cnpg-backups");
        const scheduled = only(ofType(run, "kubernetes:postgresql.cnpg.io/v1:ScheduledBackup"), "ScheduledBackup");
        assert.deepEqual(scheduled.inputs.spec.cluster, { name: "pg-default" });
        assert.equal(scheduled.inputs.spec.schedule, "0 0 1 * * *", "daily at the start of the default backup window 01:00");
    });

    it("PodMonitors and the PrometheusRule carry the labels Prometheus selects on", () => {
        for (const monitor of [...ofType(run, T.podMonitor), ...ofType(run, T.rule)]) {
            assert.equal(monitor.inputs.metadata.labels.release, "kube-prometheus-stack", monitor.name);
        }
    });

    it("no input carries a password", () => {
        assert.deepEqual(run.resources.flatMap(passwordsIn), []);
    });

    it("exports the endpoints the chaos suite needs", () => {
        const outputs = (run.outputs.cells as Record<string, Record<string, unknown>>).default;
        assert.deepEqual(outputs, {
            clusterName: "pg-default",
            namespace: "databases",
            writeEndpoint: "pg-default-rw.databases.svc.cluster.local",
            readEndpoint: "pg-default-warm-readers.databases.svc.cluster.local",
            fallbackReadEndpoint: "pg-default-ro.databases.svc.cluster.local",
            port: 5432,
            instances: 3,
            credentialsSecret: "pg-default-app",
            alarmNames: ["primary-cpu-high", "reader-cpu-high", "replica-lag-high", "connections-high"],
            prometheusRule: "pg-default-resilience",
        });
        assert.equal(run.outputs.platform, "kubernetes");
    });
});
