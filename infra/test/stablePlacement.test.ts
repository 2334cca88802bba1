/**
 * An existing Aurora instance must keep every replace-forcing input for its life. The program is
 * run twice under mocks, before and after a change of the stack file that must not move anyone
 * (growing the first group, adding a group in front, reordering the zones), and every instance
 * both runs declare is compared. Adding a zone may change the planned zone of existing members,
 * but only where the instance ignores that input, so the engine never replaces it.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, describe, it } from "node:test";
import { parseDocument } from "yaml";
import { REPLACE_FORCING_INSTANCE_INPUTS } from "../aws/auroraDatabase";
import { REPO_ROOT, ofType, runProgram } from "./harness";
import type { ProgramRun } from "./harness";

const INSTANCE = "aws:rds/clusterInstance:ClusterInstance";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stable-placement-"));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Pulumi.prod.yaml with `edit` applied to its config, written under a new folder (same stack name). */
function editedProd(name: string, edit: (config: Record<string, any>) => void): string {
    const document = parseDocument(fs.readFileSync(path.join(REPO_ROOT, "Pulumi.prod.yaml"), "utf8"));
    const config = document.toJS().config as Record<string, any>;
    edit(config);
    document.set("config", document.createNode(config));
    const folder = path.join(dir, name);
    fs.mkdirSync(folder);
    const file = path.join(folder, "Pulumi.prod.yaml");
    fs.writeFileSync(file, document.toString());
    return file;
}

/** Every replace-forcing input of an instance that differs between the runs, unless the instance ignores it. */
function replacements(before: ProgramRun, afterRun: ProgramRun, honourIgnoreChanges: boolean): string[] {
    const found: string[] = [];
    const later = new Map(ofType(afterRun, INSTANCE).map((r) => [r.urn, r]));
    for (const earlier of ofType(before, INSTANCE)) {
        const now = later.get(earlier.urn);
        if (now === undefined) {
            continue;
        }
        for (const input of REPLACE_FORCING_INSTANCE_INPUTS) {
            const changed = JSON.stringify(earlier.inputs[input]) !== JSON.stringify(now.inputs[input]);
            if (changed && !(honourIgnoreChanges && now.options.ignoreChanges.includes(input))) {
                found.push(`${earlier.name}.${input}: ${String(earlier.inputs[input])} -> ${String(now.inputs[input])}`);
            }
        }
    }
    return found;
}

describe("stable Aurora placement", () => {
    it("keeps every existing instance's zone, identifier and other replace-forcing inputs when the first group grows, a group is added in front and the zones are reordered", async () => {
        const before = await runProgram("prod");
        const grown = editedProd("grown", (config) => {
            const groups = config["resilience:replicaGroups"];
            groups[0].size = { min: 1, desired: 2, max: 3 };
            groups.unshift({ name: "reports", size: { min: 1, desired: 2, max: 2 }, promotionTier: 5 });
            config["resilience:aws"].availabilityZones.reverse();
            config["resilience:aws"].subnetIds.reverse();
        });
        const afterRun = await runProgram(grown);
        const kept = ofType(before, INSTANCE).filter((r) => ofType(afterRun, INSTANCE).some((a) => a.urn === r.urn));
        assert.equal(kept.length, ofType(before, INSTANCE).length, "every instance of the first run is still declared");
        assert.ok(ofType(afterRun, INSTANCE).length > kept.length, "the change added instances");
        assert.deepEqual(replacements(before, afterRun, false), []);
    });

    it("never replaces an existing instance when a zone is added: a changed zone is one the instance ignores", async () => {
        const before = await runProgram("prod");
        const widened = editedProd("widened", (config) => {
            config["resilience:aws"].availabilityZones.push("eu-central-1d");
            config["resilience:aws"].subnetIds.push("subnet-0d4d4d4d4d4d4d4d4");
        });
        const afterRun = await runProgram(widened);
        assert.ok(replacements(before, afterRun, false).length > 0, "the new zone list plans some existing members elsewhere");
        assert.deepEqual(replacements(before, afterRun, true), []);
    });
});
