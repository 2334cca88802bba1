/**
 * Preview on a cluster without the Prometheus operator's CRDs (kubernetes/monitoringCrds.ts): it
 * stops at the read of the missing CRD, naming it and what to do, before anything else is applied;
 * with the CRDs present, every monitoring object waits for their reads.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, it } from "node:test";
import { MONITORING_CRDS } from "../kubernetes/monitoringCrds";
import { ofType, runProgram } from "./harness";

const INFRA = join(__dirname, "..");

function previewInItsOwnProcess(stack: string, absent: readonly string[]): { status: number | null; stdout: string; stderr: string } {
    const result = spawnSync(process.execPath, ["--import", "tsx", join("test", "support", "previewOnce.ts"), stack, ...absent], { cwd: INFRA, encoding: "utf8", timeout: 120_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("the Prometheus operator's CRDs", () => {
    for (const crd of MONITORING_CRDS) {
        it(`a preview without ${crd} fails, naming it and what to do`, () => {
            const { status, stderr } = previewInItsOwnProcess("k8s-staging", [crd]);
            assert.notEqual(status, 0, stderr);
            const line = stderr.split("\n").find((l) => l.includes(`failed to read resource #${crd}`));
            assert.ok(line, stderr);
            assert.ok(line.includes(`'${crd}-install-kube-prometheus-stack-first'`), line);
        });
    }

    it("with both CRDs present, the preview passes and every PodMonitor and PrometheusRule waits for their reads", async () => {
        const run = await runProgram("k8s-staging", { preview: true });
        const monitoring = [...ofType(run, "kubernetes:monitoring.coreos.com/v1:PodMonitor"), ...ofType(run, "kubernetes:monitoring.coreos.com/v1:PrometheusRule")];
        assert.ok(monitoring.length >= 4, `${monitoring.length} monitoring objects`);
        for (const resource of monitoring) {
            for (const crd of MONITORING_CRDS) {
                assert.ok(resource.dependencies.some((urn) => urn.endsWith(`::${crd}-install-kube-prometheus-stack-first`)), `${resource.name} waits for ${crd}`);
            }
        }
    });

    it("an aws stack reads no CRD", () => {
        const { status, stdout, stderr } = previewInItsOwnProcess("staging", [...MONITORING_CRDS]);
        assert.equal(status, 0, stderr);
        assert.match(stdout, /^ok \d+ resources/);
    });
});
