import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, describe, it } from "node:test";

import { ResourceType } from "../resources";
import { StackContext, stackContextFromConfig } from "../stack-context";
import { engineVersionChangeRequiresGameday, imageTag } from "../upgrades";
import { auroraStack, cnpgCluster, withProps } from "./fixtures";
import { stackViolations, urnOf } from "./validation-args";

/**
 * A project folder as the pack finds it: Pulumi.yaml, the lower stack's file, and the report.json the
 * chaos suite wrote for its game-day (the fields of docs/report.schema.json the check reads).
 */
const project = fs.mkdtempSync(path.join(os.tmpdir(), "upgrade-evidence-"));
after(() => fs.rmSync(project, { recursive: true, force: true }));
const NOW = new Date("2026-11-30T12:00:00Z");
const AWS = `  resilience:gameday:
    image: ghcr.io/example/resilience/chaos:1.4.0
  resilience:aws:
    vpcId: vpc-0a1b2c3d4e5f60718
    subnetIds: [subnet-0aaa1111bbbb2222c, subnet-0ddd3333eeee4444f]
    availabilityZones: [eu-central-1a, eu-central-1b]
`;
fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: resilience\nruntime: nodejs\n");
const lowerStack = (name: string, engineVersion: string, environment = "staging") =>
    fs.writeFileSync(path.join(project, `Pulumi.${name}.yaml`),
        `config:\n  resilience:platform: aws\n  resilience:environment: ${environment}\n  resilience:database:\n    engineVersion: "${engineVersion}"\n${AWS}`);
lowerStack("staging", "15.4");
lowerStack("staging-old", "15.3");
lowerStack("prod-us", "16.4", "production");

/** Writes a report and returns its path relative to the project. */
function report(name: string, fields: Record<string, unknown> = {}): string {
    const body = {
        schemaVersion: 2, stack: "staging", platform: "aws", command: "gameday", seed: 1,
        startedAt: "2026-11-15T05:00:00Z", endedAt: "2026-11-15T05:40:00Z", verdict: "passed",
        scenarios: [{ name: "primary-failure", outcome: "passed" }, { name: "replica-hardware-failure", outcome: "passed" }],
        regressions: [], ...fields,
    };
    const relative = `reports/${name}/report.json`;
    fs.mkdirSync(path.join(project, "reports", name), { recursive: true });
    fs.writeFileSync(path.join(project, relative), JSON.stringify(body));
    return relative;
}

/** The context of an aws production stack whose evidence names `evidence`. */
function prodWith(evidence: { version: string; stack: string; report: string }): StackContext {
    return {
        ...stackContextFromConfig("prod", {
            "resilience:platform": "aws",
            "resilience:gameday": { image: "ghcr.io/example/resilience/chaos:1.4.0" },
            "resilience:environment": "production",
            "resilience:database": { engineVersion: evidence.version, upgradeEvidence: evidence },
            "resilience:aws": { vpcId: "vpc-0a1b2c3d4e5f60718", subnetIds: ["subnet-0aaa1111bbbb2222c", "subnet-0ddd3333eeee4444f"], availabilityZones: ["eu-central-1a", "eu-central-1b"] },
        }),
        projectRoot: project,
    };
}

const prodEvidence = prodWith({ version: "15.4", stack: "staging", report: report("staging-passed") });
const policy = (context: StackContext) => engineVersionChangeRequiresGameday(context, () => NOW);
const prod = auroraStack({ stack: "prod" });
const deployed = (version: string) => ({ deployedEngineVersions: { "eu-1": version } });

describe("engine-version-change-requires-gameday", () => {
    it("passes an unchanged version without evidence", async () => {
        const violations = await stackViolations(policy({ stack: "prod" }), prod, deployed("15.4"));
        assert.deepEqual(violations, []);
    });

    it("passes a change whose version passed a game-day in staging", async () => {
        const violations = await stackViolations(policy(prodEvidence), prod, deployed("15.3"));
        assert.deepEqual(violations, []);
    });

    it("reports a minor upgrade whose evidence names another version", async () => {
        const upgraded = withProps(prod, "eu-1", { engineVersion: "15.5" });
        assert.deepEqual(await stackViolations(policy(prodEvidence), upgraded, deployed("15.4")), [{
            message: `Cluster "eu-1" in stack "prod" changes engine version 15.4 -> 15.5, but resilience:database.upgradeEvidence.version is "15.4", not "15.5". Run the game-day with 15.5 in a lower stack first, then record it in resilience:database.upgradeEvidence { version, stack, report }.`,
            urn: urnOf(ResourceType.rdsCluster, "eu-1", "prod"),
        }]);
    });

    it("reports a major upgrade without evidence", async () => {
        const upgraded = withProps(prod, "eu-1", { engineVersion: "16.4" });
        const violations = await stackViolations(policy({ stack: "prod" }), upgraded, deployed("15.4"));
        assert.match(violations[0].message, /changes engine version 15.4 -> 16.4, but the stack config records no resilience:database.upgradeEvidence\./);
    });

    it("reports evidence from the same stack, or from another production stack", async () => {
        const upgraded = withProps(prod, "eu-1", { engineVersion: "16.4" });
        const sameStack = prodWith({ version: "16.4", stack: "prod", report: "r.json" });
        const otherProd = prodWith({ version: "16.4", stack: "prod-us", report: report("prod-us", { stack: "prod-us" }) });
        assert.match((await stackViolations(policy(sameStack), upgraded, deployed("15.4")))[0].message,
            /upgradeEvidence.stack must name the lower stack whose game-day passed, not "prod"/);
        assert.match((await stackViolations(policy(otherProd), upgraded, deployed("15.4")))[0].message,
            /upgradeEvidence.stack "prod-us" (is a production stack|declares resilience:environment: production), not a lower environment/);
    });

    it("reports evidence whose report does not exist, failed, is another stack's, another platform's or too old", async () => {
        const upgraded = withProps(prod, "eu-1", { engineVersion: "15.4" });
        const cases: [string, string][] = [
            ["reports/none/report.json", 'cannot be read as a report.json (ENOENT)'],
            [report("failed", { verdict: "failed", scenarios: [{ name: "primary-failure", outcome: "failed" }] }), 'did not pass (verdict "failed"; not passed: primary-failure)'],
            [report("run", { command: "run" }), 'is a "run" report, not a game-day'],
            [report("other-stack", { stack: "k8s-staging" }), 'is a game-day of stack "k8s-staging", not of "staging"'],
            [report("other-platform", { platform: "kubernetes" }), 'ran on platform "kubernetes", not on aws like this stack'],
            [report("old", { endedAt: "2026-09-01T05:40:00Z" }), "ended 90 days ago; evidence must be at most 30 days old"],
            ["https://ci.example.com/report.json", "is a URL; commit the report.json to the repository so the pack can read it"],
        ];
        for (const [reportPath, expected] of cases) {
            const context = prodWith({ version: "15.4", stack: "staging", report: reportPath });
            const violations = await stackViolations(policy(context), upgraded, deployed("15.3"));
            assert.equal(violations.length, 1, reportPath);
            assert.ok(violations[0].message.includes(expected), `${reportPath}: ${violations[0].message}`);
        }
    });

    it("reports evidence from a stack whose file declares another engine version", async () => {
        const context = prodWith({ version: "15.4", stack: "staging-old", report: report("staging-old", { stack: "staging-old" }) });
        const violations = await stackViolations(policy(context), prod, deployed("15.3"));
        assert.match(violations[0].message, /Pulumi.staging-old.yaml declares aws 15.3, not aws 15.4/);
    });

    it("fails closed when the deployed version is not recorded", async () => {
        const violations = await stackViolations(policy({ stack: "staging" }), auroraStack());
        assert.deepEqual(violations.map((v) => v.message), [
            `Cluster "eu-1" in stack "staging" declares engine version 15.4 and its deployed version is not recorded (deployedEngineVersions), but the stack config records no resilience:database.upgradeEvidence. Run the game-day with 15.4 in a lower stack first, then record it in resilience:database.upgradeEvidence { version, stack, report }.`,
        ]);
    });

    it("allows an unrecorded version when configured so", async () => {
        const violations = await stackViolations(policy({ stack: "staging" }), auroraStack(),
            { whenDeployedVersionUnknown: "allow" });
        assert.deepEqual(violations, []);
    });

    it("reads a CloudNativePG cluster's version from its image tag", async () => {
        const cluster = cnpgCluster("prod", { imageName: "ghcr.io/cloudnative-pg/postgresql:16.4" });
        const violations = await stackViolations(policy(prodEvidence), [cluster],
            { deployedEngineVersions: { default: "15.4" } });
        assert.match(violations[0].message, /Cluster "default" in stack "prod" changes engine version 15.4 -> 16.4/);
    });
});

describe("imageTag", () => {
    it("reads the tag of an image reference", () => {
        assert.equal(imageTag("ghcr.io/cloudnative-pg/postgresql:16.4"), "16.4");
        assert.equal(imageTag("registry:5000/postgresql:15@sha256:abc"), "15");
        assert.equal(imageTag("registry:5000/postgresql"), undefined);
    });
});
