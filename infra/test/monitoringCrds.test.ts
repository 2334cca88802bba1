/**
 * Preview on a cluster without the Prometheus operator's CRDs (kubernetes/monitoringCrds.ts): it
 * stops at the read of the missing CRD, naming it, how to install it and the key that opts out, before
 * anything else is applied; with the CRDs present, every monitoring object waits for their reads; with
 * `resilience:kubernetes.monitoring: false` nothing is read and no monitoring object is declared.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { MONITORING_CRDS, missingCrdLine } from "../kubernetes/monitoringCrds";
import { REPO_ROOT, ofType, runProgram } from "./harness";

const INFRA = join(__dirname, "..");

function previewInItsOwnProcess(stack: string, absent: readonly string[]): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(process.execPath, ["--import", "tsx", join("test", "support", "previewOnce.ts"), stack, ...absent], { cwd: INFRA, encoding: "utf8", timeout: 120_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("the Prometheus operator's CRDs", () => {
    for (const crd of MONITORING_CRDS) {
        it(`a preview without ${crd} fails on one line naming it, the install and the opt-out key`, () => {
            const { status, stderr } = previewInItsOwnProcess("k8s-staging", [crd]);
            assert.notEqual(status, 0, stderr);
            const line = stderr.split("\n").find((l) => l.includes(`failed to read resource #${crd}`));
            assert.ok(line, stderr);
            assert.ok(line.includes(`'${crd} is missing: install kube-prometheus-stack, or set resilience:kubernetes.monitoring false'`), line);
        });
    }

    it("with both CRDs present, the preview passes and every PodMonitor and PrometheusRule waits for their reads", async () => {
        const run = await runProgram("k8s-staging", { preview: true });
        const monitoring = [...ofType(run, "kubernetes:monitoring.coreos.com/v1:PodMonitor"), ...ofType(run, "kubernetes:monitoring.coreos.com/v1:PrometheusRule")];
        assert.ok(monitoring.length >= 4, `${monitoring.length} monitoring objects`);
        for (const resource of monitoring) {
            for (const crd of MONITORING_CRDS) {
                assert.ok(resource.dependencies.some((urn) => urn.endsWith(`::${missingCrdLine(crd)}`)), `${resource.name} waits for ${crd}`);
            }
        }
    });

    it("with resilience:kubernetes.monitoring false, a preview without the CRDs passes and declares no monitoring object", async () => {
        const file = join(mkdtempSync(join(tmpdir(), "k8s-unmonitored-")), "Pulumi.k8s-unmonitored.yaml");
        const staging = readFileSync(join(REPO_ROOT, "Pulumi.k8s-staging.yaml"), "utf8");
        writeFileSync(file, staging.replace("  resilience:kubernetes:\n", "  resilience:kubernetes:\n    monitoring: false\n"));

        const { status, stdout, stderr } = previewInItsOwnProcess(file, [...MONITORING_CRDS]);
        assert.equal(status, 0, stderr);
        assert.match(stdout, /^ok \d+ resources/);
        const run = await runProgram(file, { preview: true });
        const declared = new Set(run.resources.map((r) => r.type));
        for (const type of ["kubernetes:monitoring.coreos.com/v1:PodMonitor", "kubernetes:monitoring.coreos.com/v1:PrometheusRule", "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition"]) {
            assert.ok(!declared.has(type), `${type} declared with monitoring false`);
        }
        assert.equal(ofType(run, "kubernetes:batch/v1:CronJob").length, 1, "the game-day still runs");
    });

    it("an aws stack reads no CRD", () => {
        const { status, stdout, stderr } = previewInItsOwnProcess("staging", [...MONITORING_CRDS]);
        assert.equal(status, 0, stderr);
        assert.match(stdout, /^ok \d+ resources/);
    });
});
