// The whole pack over the resources the Pulumi program registers for each stack file, through the
// program's own mocks (infra/test/harness.ts): what `pulumi preview --policy-pack infra/policy`
// would report, without a cloud or the CLI. Each stack is analyzed as the engine does for a
// preview: every resource with its inputs and outputs, resource options, property dependencies.
import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { after, describe, it } from "node:test";

import { parse, stringify } from "yaml";

import { readStackConfig } from "../../spec/stackFile";
import { REPO_ROOT, RegisteredResource, runProgram, stackNameOf } from "../../test/harness";
import { resiliencePolicyPackArgs } from "../pack";
import { ResourceType } from "../resources";
import { stackContextFromConfig } from "../stack-context";
import { PackConfig, runPack, stackArgs, TestResource, Violation } from "./validation-args";

/** A registered resource as the engine hands it to a policy: its state (inputs and outputs), id, options. */
function asPolicyResource(resource: RegisteredResource, stack: string): TestResource {
    return {
        type: resource.type,
        name: resource.name,
        urn: resource.urn,
        stack,
        props: resource.id === undefined ? { ...resource.state } : { ...resource.state, id: resource.id },
        ignoreChanges: [...resource.options.ignoreChanges],
        propertyDependencies: resource.propertyDependencies,
        parent: resource.parent,
    };
}

const stackFileOf = (stack: string) => (stack.includes("/") ? stack : path.join(REPO_ROOT, `Pulumi.${stack}.yaml`));

/** The program's resources for a stack file (a name like `prod`, or a path). */
async function programResources(stack: string): Promise<TestResource[]> {
    const run = await runProgram(stack);
    return run.resources.map((resource) => asPolicyResource(resource, run.stack));
}

/**
 * Runs the pack as the CLI would start it for a stack file (stack name, config as PULUMI_CONFIG holds
 * it) over the program's resources, optionally edited first (a program change the pack must catch).
 */
async function previewWithPack(
    stack: string,
    options: { config?: PackConfig; edit?: (resources: TestResource[]) => TestResource[]; projectRoot?: string } = {},
): Promise<Violation[]> {
    const file = stackFileOf(stack);
    const resources = (options.edit ?? ((r) => r))(await programResources(stack));
    const context = stackContextFromConfig(stackNameOf(file), readStackConfig(file, { decrypt: () => "[secret]" }).values);
    if (options.projectRoot !== undefined) {
        context.projectRoot = options.projectRoot;
    }
    const args = resiliencePolicyPackArgs(context);
    return runPack(args.policies, args.enforcementLevel!, resources, options.config ?? {});
}

/**
 * The policy config CI writes from a stack whose clusters already run `version` on every cluster. The version
 * is a literal from the stack file, not read back with the policy's own function (that would make the passing
 * case circular: a policy reading the wrong field would agree with itself).
 */
async function recordedAsDeployed(stack: string, version: string): Promise<PackConfig> {
    const { resources } = stackArgs(await programResources(stack));
    const versions = Object.fromEntries(resources
        .filter((r) => r.type === ResourceType.rdsCluster || r.type === ResourceType.cnpgCluster)
        .map((r) => [r.urn, version]));
    assert.ok(Object.keys(versions).length > 0, `${stack} declares no database cluster`);
    return { "engine-version-change-requires-gameday": { deployedEngineVersions: versions } };
}

/** `resilience:database.engineVersion` of each stack file, as written there. */
const engineVersionOf: Record<string, string> = { prod: "15.4", staging: "15.4", "k8s-staging": "15" };

const temporaryDirectories: string[] = [];
after(() => temporaryDirectories.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A copy of a stack file, edited, saved as `Pulumi.<as>.yaml` in a temporary directory. */
function stackFileVariant(source: string, as: string, edit: (config: Record<string, any>) => void): string {
    const document = parse(fs.readFileSync(stackFileOf(source), "utf8")) as { config: Record<string, any> };
    edit(document.config);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "resilience-policy-"));
    temporaryDirectories.push(dir);
    const file = path.join(dir, `Pulumi.${as}.yaml`);
    fs.writeFileSync(file, stringify(document));
    return file;
}

/** Edits the props of the program's resource of a type and name. */
function editProps(type: string, name: string, edit: (props: Record<string, any>) => Record<string, any>) {
    return (resources: TestResource[]): TestResource[] => {
        assert.ok(resources.some((r) => r.type === type && r.name === name), `the program declares no ${type} "${name}"`);
        return resources.map((r) => (r.type === type && r.name === name ? { ...r, props: edit({ ...r.props }) } : r));
    };
}

const compose = (...edits: ((resources: TestResource[]) => TestResource[])[]) =>
    (resources: TestResource[]) => edits.reduce((current, edit) => edit(current), resources);

/** `<level> <policy> <resource name>` per violation, sorted: what a reviewer reads in the preview. */
function verdicts(violations: Violation[]): string[] {
    return violations.map((v) => `${v.enforcementLevel} ${v.policy} ${v.urn ? v.urn.split("::").pop() : "(stack)"}`).sort();
}

/** k8s-staging as a production stack that passes every policy, with an optional further edit. */
function kubernetesProduction(edit: (config: Record<string, any>) => void = () => {}): string {
    return stackFileVariant("k8s-staging", "prod", (config) => {
        config["resilience:environment"] = "production";
        config["resilience:database"].upgradeEvidence = { version: "15", stack: "k8s-staging", report: "reports/k8s-staging/report.json" };
        // Production pins its game-day image by digest (gameday-image-pinned-by-digest).
        config["resilience:gameday"].image = `ghcr.io/example/resilience/chaos@sha256:${"3b".repeat(32)}`;
        edit(config);
    });
}

describe("the policy pack over the program's resources", () => {
    it("passes prod: every policy, mandatory", async () => {
        assert.deepEqual(await previewWithPack("prod", { config: await recordedAsDeployed("prod", engineVersionOf.prod) }), []);
    });

    it("passes staging and k8s-staging once CI records their deployed engine versions", async () => {
        for (const stack of ["staging", "k8s-staging"]) {
            assert.deepEqual(await previewWithPack(stack, { config: await recordedAsDeployed(stack, engineVersionOf[stack]) }), [], stack);
        }
    });

    it("warns (advisory) in staging when the deployed engine version is not recorded", async () => {
        assert.deepEqual(verdicts(await previewWithPack("staging")), [
            "advisory engine-version-change-requires-gameday eu-1-cluster",
        ]);
    });

    it("has nothing to check for local (LocalCluster declares no Pulumi resources)", async () => {
        assert.deepEqual(await previewWithPack("local"), []);
    });

    it("fails a prod stack file that weakens the database and upgrades without a game-day", async () => {
        const weakened = stackFileVariant("prod", "prod", (config) => {
            const database = config["resilience:database"];
            database.engineVersion = "16.4";
            database.allowMajorVersionUpgrade = true;
            database.backupRetentionDays = 3;
            database.deletionProtection = false;
            const readers = config["resilience:replicaGroups"].find((group: { name: string }) => group.name === "readers");
            readers.size = { min: 0, desired: 0, max: 9 };
        });
        const violations = await previewWithPack(weakened, {
            config: { "engine-version-change-requires-gameday": { deployedEngineVersions: { "eu-1-cluster": "15.4", "eu-2-cluster": "15.4" } } },
        });
        assert.deepEqual(verdicts(violations), [
            "mandatory aurora-readers-spread eu-1-cluster",
            "mandatory aurora-readers-spread eu-1-cluster",
            "mandatory aurora-readers-spread eu-2-cluster",
            "mandatory aurora-readers-spread eu-2-cluster",
            "mandatory engine-version-change-requires-gameday eu-1-cluster",
            "mandatory engine-version-change-requires-gameday eu-2-cluster",
            "mandatory rds-backup-retention eu-1-cluster",
            "mandatory rds-backup-retention eu-2-cluster",
            "mandatory rds-deletion-protection-in-production eu-1-cluster",
            "mandatory rds-deletion-protection-in-production eu-2-cluster",
        ]);
        const messages = violations.filter((v) => v.urn?.endsWith("eu-1-cluster")).map((v) => v.message);
        assert.ok(messages.includes(`Cluster "eu-1-cluster" (prod-eu-1) has 1 reader(s); it needs at least 2, so losing one still leaves a failover target and read capacity.`));
        assert.ok(messages.includes(`Cluster "eu-1-cluster" keeps backups for 3 day(s); backupRetentionPeriod must be at least 7.`));
        assert.ok(messages.includes(`Cluster "eu-1-cluster" in stack "prod" changes engine version 15.4 -> 16.4, but resilience:database.upgradeEvidence.version is "15.4", not "16.4". Run the game-day with 16.4 in a lower stack first, then record it in resilience:database.upgradeEvidence { version, stack, report }.`));
    });

    it("passes the same upgrade once the stack file records its game-day in staging", async () => {
        const upgraded = stackFileVariant("prod", "prod", (config) => {
            const database = config["resilience:database"];
            database.engineVersion = "16.4";
            database.allowMajorVersionUpgrade = true;
            database.upgradeEvidence = { version: "16.4", stack: "staging", report: "reports/staging/2026-12-01/report.json" };
        });
        // The project as the pack finds it: staging already runs 16.4 and its game-day passed two days ago.
        const project = path.dirname(stackFileVariant("staging", "staging", (config) => {
            config["resilience:database"].engineVersion = "16.4";
        }));
        fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: resilience\nruntime: nodejs\n");
        fs.mkdirSync(path.join(project, "reports", "staging", "2026-12-01"), { recursive: true });
        const ended = new Date(Date.now() - 2 * 86_400_000).toISOString();
        fs.writeFileSync(path.join(project, "reports", "staging", "2026-12-01", "report.json"), JSON.stringify({
            schemaVersion: 2, stack: "staging", platform: "aws", command: "gameday", seed: 7, startedAt: ended, endedAt: ended,
            verdict: "passed", scenarios: [{ name: "primary-failure", outcome: "passed" }], regressions: [],
        }));
        const deployed = { "engine-version-change-requires-gameday": { deployedEngineVersions: { "eu-1-cluster": "15.4", "eu-2-cluster": "15.4" } } };
        assert.deepEqual(await previewWithPack(upgraded, { config: deployed, projectRoot: project }), []);
        // The same evidence without the report file is only a string: refused.
        const empty = fs.mkdtempSync(path.join(os.tmpdir(), "resilience-policy-"));
        temporaryDirectories.push(empty);
        assert.deepEqual(verdicts(await previewWithPack(upgraded, { config: deployed, projectRoot: empty })), [
            "mandatory engine-version-change-requires-gameday eu-1-cluster",
            "mandatory engine-version-change-requires-gameday eu-2-cluster",
        ]);
    });

    it("fails a prod program that drifts from what the post-mortems taught", async () => {
        const drifted = compose(
            editProps(ResourceType.rdsCluster, "eu-2-cluster", (p) => ({ ...p, storageEncrypted: false })),
            editProps(ResourceType.rdsClusterInstance, "eu-1-readers-2", (p) => ({ ...p, promotionTier: 0 })),
            editProps(ResourceType.metricAlarm, "eu-1-alarms-replica-lag-high", (p) => ({ ...p, treatMissingData: "notBreaching" })),
            editProps(ResourceType.metricAlarm, "eu-2-alarms-reader-cpu-high", (p) => ({ ...p, dimensions: { DBClusterIdentifier: "prod-eu-2" } })),
            editProps(ResourceType.iamRolePolicy, "eu-1-fis-primary-failure-policy", (p) => {
                const document = JSON.parse(p.policy);
                document.Statement[0].Action.push("rds:DeleteDBCluster");
                return { ...p, policy: JSON.stringify(document) };
            }),
            editProps(ResourceType.fisExperimentTemplate, "eu-2-fis-replica-hardware-failure", (p) => ({ ...p, stopConditions: [{ source: "none" }] })),
            (resources) => resources.map((r) => r.name === "eu-2-warm-readers" ? { ...r, ignoreChanges: [] } : r),
        );
        const violations = await previewWithPack("prod", { edit: drifted, config: await recordedAsDeployed("prod", engineVersionOf.prod) });
        assert.deepEqual(verdicts(violations), [
            "mandatory aurora-single-tier0-failover-target eu-1-cluster",
            "mandatory aurora-warm-reader-endpoint eu-2-warm-readers",
            "mandatory database-alarm-missing-data eu-1-alarms-replica-lag-high",
            "mandatory database-required-alarms eu-2-cluster",
            "mandatory fis-alarm-stop-condition eu-2-fis-replica-hardware-failure",
            "mandatory fis-role-least-privilege eu-1-fis-primary-failure",
            "mandatory rds-storage-encrypted eu-2-cluster",
        ]);
        const message = (policy: string) => violations.find((v) => v.policy === policy)!.message;
        assert.match(message("aurora-single-tier0-failover-target"), /has 2 tier-0 readers \(eu-1-readers-2, eu-1-failover-1\)|has 2 tier-0 readers \(eu-1-failover-1, eu-1-readers-2\)/);
        assert.match(message("database-required-alarms"), /no alarm on reader CPU \(/);
        assert.match(message("fis-role-least-privilege"), /allows rds:DeleteDBCluster, beyond what its actions \(aws:rds:failover-db-cluster\) need/);
    });

    it("applies the production rules to a CloudNativePG prod stack", async () => {
        const kubernetesProd = kubernetesProduction();
        const deployed = await recordedAsDeployed(kubernetesProd, engineVersionOf["k8s-staging"]);
        assert.deepEqual(await previewWithPack(kubernetesProd, { config: deployed }), []);
        const weakened = editProps(ResourceType.cnpgCluster, "default", (p) => ({
            ...p,
            spec: {
                ...p.spec,
                instances: 1,
                affinity: { ...p.spec.affinity, podAntiAffinityType: "preferred" },
                postgresql: { ...p.spec.postgresql, synchronous: undefined },
                probes: undefined,
            },
        }));
        assert.deepEqual(verdicts(await previewWithPack(kubernetesProd, { edit: weakened, config: deployed })), [
            "mandatory cnpg-instances default",
            "mandatory cnpg-readiness-max-lag default",
            "mandatory cnpg-required-anti-affinity default",
            "mandatory cnpg-synchronous-replication default",
        ]);
    });

    it("refuses a CloudNativePG prod stack that turns monitoring off: nothing would page", async () => {
        const unmonitored = kubernetesProduction((config) => {
            config["resilience:kubernetes"].monitoring = false;
        });
        const deployed = await recordedAsDeployed(unmonitored, engineVersionOf["k8s-staging"]);
        const violations = await previewWithPack(unmonitored, { config: deployed });
        assert.deepEqual(verdicts(violations), ["mandatory cnpg-alarms-in-production default"]);
        assert.match(violations[0]!.message, /with resilience:kubernetes\.monitoring left on/);
    });
});
