/**
 * Production is what `resilience:environment` declares: a stack named `prd` that declares nothing
 * gets no production guards and a warning; one that declares production gets a final snapshot.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, describe, it } from "node:test";
import { parseDocument } from "yaml";
import { REPO_ROOT, ofType, runProgram } from "./harness";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "environment-"));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Pulumi.staging.yaml saved as `Pulumi.prd.yaml` under `folder`, with `environment` set (or removed). */
function prd(folder: string, environment: string | undefined): string {
    const document = parseDocument(fs.readFileSync(path.join(REPO_ROOT, "Pulumi.staging.yaml"), "utf8"));
    const config = document.toJS().config as Record<string, unknown>;
    if (environment === undefined) {
        delete config["resilience:environment"];
    } else {
        config["resilience:environment"] = environment;
    }
    document.set("config", document.createNode(config));
    fs.mkdirSync(path.join(dir, folder));
    const file = path.join(dir, folder, "Pulumi.prd.yaml");
    fs.writeFileSync(file, document.toString());
    return file;
}

describe("resilience:environment", () => {
    it("a stack named prd that does not declare production gets no final snapshot, and a warning", async () => {
        const run = await runProgram(prd("undeclared", undefined));
        const cluster = ofType(run, "aws:rds/cluster:Cluster")[0];
        assert.equal(cluster?.inputs.skipFinalSnapshot, true);
        assert.ok(run.warnings.some((w) => w.includes("looks like production by its name but resilience:environment is development")), run.warnings.join("\n"));
    });

    it("a stack named prd that declares production keeps a final snapshot, without the warning", async () => {
        const run = await runProgram(prd("declared", "production"));
        const cluster = ofType(run, "aws:rds/cluster:Cluster")[0];
        assert.equal(cluster?.inputs.skipFinalSnapshot, false);
        assert.match(String(cluster?.inputs.finalSnapshotIdentifier), /^prd-eu-1-final-[0-9]{14}$/);
        assert.ok(!run.warnings.some((w) => w.includes("looks like production")));
    });
});
