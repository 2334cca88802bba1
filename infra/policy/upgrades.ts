// The engine-version policy: a database engine upgrade reaches a stack only after the same version
// passed a game-day in a lower environment. (The post-mortem: an upgrade that behaved in test and
// acceptance raised reader CPU in production only.)
//
// A policy cannot see the state a preview starts from, only the resources the program declares. So
// the pack compares each cluster's declared engine version with the version recorded as deployed:
//   - `deployedEngineVersions` in the policy config (per resource name), written by CI from
//     `pulumi stack export` just before the preview (policy/scripts/deployed-engine-versions.ts);
//   - when a cluster has no recorded version (a new stack, or CI did not record it), the policy
//     fails closed by default (`whenDeployedVersionUnknown: requireEvidence`): the declared version
//     needs evidence as if it were a change.
// Evidence is the stack config `resilience:database.upgradeEvidence`: its version must equal the
// declared version, its stack must be another, non-production stack on the same platform whose stack
// file declares that engine version, and its report must be that stack's passing game-day report.json
// (written by the chaos suite, docs/reports.md), recent enough to still say something.
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import * as fs from "node:fs";
import * as path from "node:path";

import { readStackConfig } from "../spec/stackFile";

import { ofType, ResourceType, stackOfResources, tryRead } from "./resources";
import { schemaWithDefaults, settings } from "./settings";
import { nameLooksLikeProduction, stackContextFromConfig, StackContext, UpgradeEvidence } from "./stack-context";

/** Thresholds of {@link engineVersionChangeRequiresGameday}. */
export interface EngineVersionSettings {
    /** The engine version each database cluster runs now, by Pulumi resource name (or URN). */
    deployedEngineVersions: Record<string, string>;
    /** What a cluster without a recorded deployed version needs: evidence (fail closed) or nothing. */
    whenDeployedVersionUnknown: "requireEvidence" | "allow";
    /** How old (from its end) a game-day report may be to count as evidence. */
    maxEvidenceAgeDays: number;
}

const engineVersionDefaults: EngineVersionSettings = {
    deployedEngineVersions: {},
    whenDeployedVersionUnknown: "requireEvidence",
    maxEvidenceAgeDays: 30,
};

/** The fields of a chaos-suite report.json the evidence check reads (docs/report.schema.json). */
interface GamedayReport {
    stack?: unknown;
    platform?: unknown;
    command?: unknown;
    endedAt?: unknown;
    verdict?: unknown;
    scenarios?: { name?: unknown; outcome?: unknown }[];
}

/**
 * Why the named report does not prove the version, or undefined when it does: it must be a file in
 * the repository, a passing game-day of the evidence stack, on this stack's platform, whose stack file
 * declares the version, and no older than `maxAgeDays`.
 */
function reportProblem(context: StackContext, evidence: UpgradeEvidence, version: string, maxAgeDays: number, now: Date): string | undefined {
    const at = `resilience:database.upgradeEvidence.report "${evidence.report}"`;
    if (/^[a-z]+:\/\//i.test(evidence.report)) {
        return `${at} is a URL; commit the report.json to the repository so the pack can read it`;
    }
    if (context.projectRoot === undefined) {
        return `the pack found no Pulumi.yaml above its folder, so ${at} cannot be read`;
    }
    const file = path.resolve(context.projectRoot, evidence.report);
    let report: GamedayReport;
    try {
        report = JSON.parse(fs.readFileSync(file, "utf8")) as GamedayReport;
    } catch (error) {
        return `${at} cannot be read as a report.json (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
    }
    const platform = context.spec?.platform;
    const scenarios = Array.isArray(report.scenarios) ? report.scenarios : [];
    if (report.command !== "gameday") {
        return `${at} is a ${JSON.stringify(report.command)} report, not a game-day`;
    }
    if (report.verdict !== "passed" || scenarios.length === 0 || scenarios.some((s) => s.outcome !== "passed")) {
        const failed = scenarios.filter((s) => s.outcome !== "passed").map((s) => String(s.name));
        return `${at} did not pass (verdict ${JSON.stringify(report.verdict)}${failed.length > 0 ? `; not passed: ${failed.join(", ")}` : ""})`;
    }
    if (report.stack !== evidence.stack) {
        return `${at} is a game-day of stack ${JSON.stringify(report.stack)}, not of ${JSON.stringify(evidence.stack)}`;
    }
    if (platform !== undefined && report.platform !== platform) {
        return `${at} ran on platform ${JSON.stringify(report.platform)}, not on ${platform} like this stack`;
    }
    const lower = stackContextFromConfig(evidence.stack, readLowerStack(context.projectRoot, evidence.stack) ?? {}).spec;
    if (lower === undefined) {
        return `Pulumi.${evidence.stack}.yaml, the evidence stack's file, is missing or invalid`;
    }
    if (lower.environment === "production") {
        return `resilience:database.upgradeEvidence.stack "${evidence.stack}" declares resilience:environment: production, not a lower environment`;
    }
    if (lower.platform !== platform || lower.database.engineVersion !== version) {
        return `Pulumi.${evidence.stack}.yaml declares ${lower.platform} ${lower.database.engineVersion}, not ${platform ?? "this platform"} ${version}`;
    }
    const ended = typeof report.endedAt === "string" ? Date.parse(report.endedAt) : Number.NaN;
    const ageDays = (now.getTime() - ended) / 86_400_000;
    if (!Number.isFinite(ageDays) || ageDays > maxAgeDays) {
        return `${at} ended ${Number.isFinite(ageDays) ? `${Math.floor(ageDays)} days ago` : "at an unreadable time"}; evidence must be at most ${maxAgeDays} days old`;
    }
    return undefined;
}

/** The config of `Pulumi.<stack>.yaml` at the project root, or undefined when it cannot be read. */
function readLowerStack(root: string, stack: string): Record<string, unknown> | undefined {
    try {
        return readStackConfig(path.join(root, `Pulumi.${stack}.yaml`), { decrypt: () => "[secret]" }).values;
    } catch {
        return undefined;
    }
}

/** The engine version a database cluster declares, or undefined when it declares none it can be read from. */
export function declaredEngineVersion(resource: PolicyResource): string | undefined {
    const read = tryRead((): unknown => {
        switch (resource.type) {
            case ResourceType.rdsCluster:
            case ResourceType.rdsInstance:
                return resource.props.engineVersion;
            case ResourceType.cnpgCluster:
                return imageTag(resource.props.spec?.imageName) ?? resource.props.spec?.imageCatalogRef?.major;
            default:
                return undefined;
        }
    });
    return read.known && (typeof read.value === "string" || typeof read.value === "number") && String(read.value) !== ""
        ? String(read.value)
        : undefined;
}

/** The tag of a container image reference (`ghcr.io/cloudnative-pg/postgresql:16.4@sha256:...` gives 16.4). */
export function imageTag(image: unknown): string | undefined {
    if (typeof image !== "string") {
        return undefined;
    }
    const withoutDigest = image.split("@")[0];
    const lastSlash = withoutDigest.lastIndexOf("/");
    const colon = withoutDigest.indexOf(":", lastSlash + 1);
    return colon < 0 ? undefined : withoutDigest.slice(colon + 1);
}

/** Why the evidence does not cover a version, or undefined when it does. */
function evidenceProblem(
    context: StackContext,
    version: string,
    stack: string | undefined,
    maxAgeDays: number,
    now: Date,
): string | undefined {
    const evidence = context.upgradeEvidence;
    if (!evidence) {
        return `the stack config records no resilience:database.upgradeEvidence`;
    }
    if (evidence.version !== version) {
        return `resilience:database.upgradeEvidence.version is "${evidence.version}", not "${version}"`;
    }
    if (!evidence.stack || evidence.stack === stack) {
        return `resilience:database.upgradeEvidence.stack must name the lower stack whose game-day passed, not ${JSON.stringify(evidence.stack)}`;
    }
    if (nameLooksLikeProduction(evidence.stack)) {
        return `resilience:database.upgradeEvidence.stack "${evidence.stack}" is a production stack, not a lower environment`;
    }
    if (!evidence.report) {
        return `resilience:database.upgradeEvidence.report must name the passing report`;
    }
    return reportProblem(context, evidence, version, maxAgeDays, now);
}

/**
 * A stack policy that fails a preview which changes a cluster's engine version (major or minor)
 * unless the stack config records that the same version passed a game-day in a lower environment.
 */
export function engineVersionChangeRequiresGameday(context: StackContext, now: () => Date = () => new Date()): StackValidationPolicy {
    return {
        name: "engine-version-change-requires-gameday",
        description: "A database engine version change needs resilience:database.upgradeEvidence naming that version and the lower stack whose game-day it passed.",
        severity: "critical",
        configSchema: schemaWithDefaults(engineVersionDefaults, {
            deployedEngineVersions: {
                type: "object",
                additionalProperties: { type: "string" },
                description: "The engine version each database cluster runs now, by Pulumi resource name or URN (CI writes it from `pulumi stack export`).",
            },
            whenDeployedVersionUnknown: {
                type: "string",
                enum: ["requireEvidence", "allow"],
                description: "What a cluster without a recorded deployed version needs: evidence, as for a change (fail closed), or nothing.",
            },
            maxEvidenceAgeDays: { type: "integer", minimum: 1, description: "How old (from its end) a game-day report may be to count as evidence." },
        }),
        validateStack: (args, reportViolation) => {
            const config = settings(args, engineVersionDefaults);
            const stack = stackOfResources(args.resources) ?? context.stack;
            const clusters = [
                ...ofType(args.resources, ResourceType.rdsCluster),
                ...ofType(args.resources, ResourceType.cnpgCluster),
            ];
            for (const cluster of clusters) {
                const declared = declaredEngineVersion(cluster);
                if (declared === undefined) {
                    continue;
                }
                const deployed = config.deployedEngineVersions[cluster.urn] ?? config.deployedEngineVersions[cluster.name];
                if (deployed === declared) {
                    continue;
                }
                if (deployed === undefined && config.whenDeployedVersionUnknown === "allow") {
                    continue;
                }
                const problem = evidenceProblem(context, declared, stack, config.maxEvidenceAgeDays, now());
                if (problem === undefined) {
                    continue;
                }
                const change = deployed === undefined
                    ? `declares engine version ${declared} and its deployed version is not recorded (deployedEngineVersions)`
                    : `changes engine version ${deployed} -> ${declared}`;
                reportViolation(
                    `Cluster "${cluster.name}" in stack "${stack}" ${change}, but ${problem}. ` +
                    `Run the game-day with ${declared} in a lower stack first, then record it in ` +
                    `resilience:database.upgradeEvidence { version, stack, report }.`, cluster.urn);
            }
        },
    };
}

/** Every upgrade policy, in the order they appear in the pack. */
export function upgradePolicies(context: StackContext): StackValidationPolicy[] {
    return [engineVersionChangeRequiresGameday(context)];
}
