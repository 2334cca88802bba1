/**
 * Every Kubernetes manifest the program declares for a kubernetes stack (the CloudNativePG cell, the
 * HealthProbes, the scheduled game-day's CronJob, ServiceAccount, Role, RoleBinding and PVC, the
 * PodMonitors and PrometheusRules) satisfies the schema its API publishes (kubernetesSchemas.ts), as
 * an API server would check it on `pulumi up`; and the check refuses what such a server refuses.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { REPO_ROOT, runProgram } from "./harness";
import type { ProgramRun, RegisteredResource } from "./harness";
import { declaredManifests, manifestOf, publishedSchemaErrors } from "./kubernetesSchemas";

/** k8s-staging, and the same spec as production (another set of game-day arguments and policies). */
function productionVariant(): string {
    const file = join(mkdtempSync(join(tmpdir(), "k8s-prod-")), "Pulumi.k8s-prod.yaml");
    const staging = readFileSync(join(REPO_ROOT, "Pulumi.k8s-staging.yaml"), "utf8");
    writeFileSync(file, staging.replace("resilience:environment: staging", "resilience:environment: production"));
    return file;
}

function only(run: ProgramRun, type: string): RegisteredResource {
    const found = run.resources.filter((r) => r.type === type && r.name.startsWith("gameday-"));
    assert.equal(found.length, 1, `one game-day ${type}`);
    return found[0] as RegisteredResource;
}

describe("the Kubernetes manifests against their published schemas", () => {
    const runs: ProgramRun[] = [];
    before(async () => {
        runs.push(await runProgram("k8s-staging"), await runProgram(productionVariant()));
    });

    it("every manifest of every kubernetes stack validates, and every kind the game-day needs is among them", async () => {
        for (const run of runs) {
            const manifests = declaredManifests(run.resources);
            const kinds = new Set(manifests.map((r) => manifestOf(r).kind));
            for (const kind of ["CronJob", "ServiceAccount", "Role", "RoleBinding", "PersistentVolumeClaim", "PrometheusRule", "PodMonitor", "Cluster", "Deployment", "Service"]) {
                assert.ok(kinds.has(kind), `${run.stack}: no ${kind} among ${[...kinds].join(", ")}`);
            }
            for (const resource of manifests) {
                assert.deepEqual(await publishedSchemaErrors(manifestOf(resource)), [], `${run.stack}: ${resource.type} ${resource.name}`);
            }
        }
    });

    it("refuses what the API server refuses: a bad enum, a missing required field, a wrong type, an unknown kind", async () => {
        const run = runs[0] as ProgramRun;
        const cronJob = manifestOf(only(run, "kubernetes:batch/v1:CronJob")) as any;
        const container = cronJob.spec.jobTemplate.spec.template.spec.containers[0];
        const brokenCronJob = {
            ...cronJob,
            spec: {
                ...cronJob.spec,
                concurrencyPolicy: "Never",
                startingDeadlineSeconds: "3600",
                jobTemplate: { spec: { ...cronJob.spec.jobTemplate.spec, template: { spec: { ...cronJob.spec.jobTemplate.spec.template.spec, containers: [{ ...container, name: undefined }] } } } },
            },
        };
        const cronJobErrors = (await publishedSchemaErrors(brokenCronJob)).join("\n");
        assert.match(cronJobErrors, /spec\/concurrencyPolicy must be equal to one of the allowed values/);
        assert.match(cronJobErrors, /spec\/startingDeadlineSeconds must be integer/);
        assert.match(cronJobErrors, /containers\/0 must have required property name/);

        const role = manifestOf(only(run, "kubernetes:rbac.authorization.k8s.io/v1:Role")) as any;
        const roleErrors = await publishedSchemaErrors({ ...role, rules: [{ apiGroups: [""], resources: ["pods"] }] });
        assert.match(roleErrors.join("\n"), /rules\/0 must have required property verbs/);

        const rule = manifestOf(only(run, "kubernetes:monitoring.coreos.com/v1:PrometheusRule")) as any;
        const ruleErrors = await publishedSchemaErrors({ ...rule, spec: { groups: [{ name: "g", rules: [{ alert: "GamedayFailed" }] }] } });
        assert.match(ruleErrors.join("\n"), /rules\/0 must have required property expr/);

        assert.deepEqual(await publishedSchemaErrors({ apiVersion: "example.com/v1", kind: "Widget" }), ["no published schema for example.com/v1 Widget"]);
    });
});
