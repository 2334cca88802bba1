// What the pack knows about the stack it runs for: its name (production or not) and the few
// `resilience:*` config values a policy needs (the upgrade evidence), read from the environment the
// Pulumi CLI gives a policy pack process (PULUMI_STACK, PULUMI_CONFIG).
import { EnforcementLevel } from "@pulumi/policy";
import * as fs from "node:fs";
import * as path from "node:path";

import { ConfigError } from "../spec/errors";
import type { StackSpec } from "../spec/model";
import { NAMESPACE } from "../spec/source";
import type { SpecSource } from "../spec/source";
import { readSpec } from "../spec/stackSpec";

/** The game-day a version passed in a lower environment (`resilience:database.upgradeEvidence`). */
export interface UpgradeEvidence {
    /** The engine version that passed, e.g. "15.4". */
    version: string;
    /** The lower stack whose game-day it passed in, e.g. "staging". */
    stack: string;
    /** Path or URL of the passing report.json. */
    report: string;
}

/** The stack a pack runs for. */
export interface StackContext {
    /** The stack name, e.g. "prod"; undefined when the pack runs outside a stack (`pulumi policy publish`). */
    stack?: string;
    /** `resilience:environment`: only "production" turns on production's guards; absent means development. */
    environment?: string;
    /** The engine version the stack file asks for (`resilience:database.engineVersion`). */
    engineVersion?: string;
    /** `resilience:database.upgradeEvidence`, or undefined when the stack file records none. */
    upgradeEvidence?: UpgradeEvidence;
    /**
     * The stack's spec as the program reads it (the same reader, defaults applied), for policies on
     * what no resource carries (the warm-up gate's bounds); undefined when the config is invalid
     * (the program then fails on its own, with the key to fix).
     */
    spec?: StackSpec;
    /** The folder holding Pulumi.yaml and the stack files: upgrade evidence reports are read from here. */
    projectRoot?: string;
}

/**
 * Whether the stack is production: its stack file says `resilience:environment: production` (both
 * spec readers read the same key). Production stacks get mandatory enforcement and the stricter
 * thresholds (deletion protection, 3 AZs, synchronous replication, anti-affinity, backups, alarms).
 * A stack's name decides nothing: `prd` or `live` would pass with zero violations.
 */
export function isProduction(context: StackContext): boolean {
    return context.environment === "production";
}

/**
 * Whether a stack's name looks like production (`prod`, `prd` or `production` as a dash-, dot- or
 * underscore-separated part). Only a hint: the environment-declared policy warns when such a stack
 * does not declare `resilience:environment: production`.
 */
export function nameLooksLikeProduction(stack: string | undefined): boolean {
    if (!stack) {
        return false;
    }
    const shortName = stack.split("/").pop() ?? stack;
    return shortName.toLowerCase().split(/[-._]/).some((part) => part === "prod" || part === "prd" || part === "production");
}

/**
 * The pack's default enforcement level: mandatory for production stacks, advisory elsewhere. A policy
 * config file passed with `--policy-pack-config` overrides it (`"all": "mandatory"`, or per policy).
 */
export function defaultEnforcementLevel(context: StackContext): EnforcementLevel {
    return isProduction(context) ? "mandatory" : "advisory";
}

/**
 * Builds the context from a map of fully qualified config keys to values, as in PULUMI_CONFIG
 * (objects arrive JSON-encoded) or as read from a `Pulumi.<stack>.yaml` file (objects arrive parsed).
 */
export function stackContextFromConfig(stack: string | undefined, config: Record<string, unknown>): StackContext {
    const database = asObject(parseMaybeJson(config["resilience:database"]));
    const context: StackContext = { stack };
    const environment = config["resilience:environment"];
    if (typeof environment === "string") {
        context.environment = environment;
    }
    if (typeof database?.engineVersion === "string") {
        context.engineVersion = database.engineVersion;
    }
    const spec = specOf(config);
    if (spec !== undefined) {
        context.spec = spec;
    }
    const evidence = asObject(database?.upgradeEvidence);
    if (evidence && typeof evidence.version === "string") {
        context.upgradeEvidence = {
            version: evidence.version,
            stack: typeof evidence.stack === "string" ? evidence.stack : "",
            report: typeof evidence.report === "string" ? evidence.report : "",
        };
    }
    return context;
}

/**
 * Builds the context from the environment of a policy pack process. The Pulumi CLI sets PULUMI_STACK
 * (and PULUMI_NODEJS_STACK) and PULUMI_CONFIG (a JSON object of the stack's config) for Node.js packs.
 */
export function stackContextFromEnvironment(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): StackContext {
    const stack = env.PULUMI_STACK || env.PULUMI_NODEJS_STACK || undefined;
    let config: Record<string, unknown> = {};
    if (env.PULUMI_CONFIG) {
        try {
            config = asObject(JSON.parse(env.PULUMI_CONFIG)) ?? {};
        } catch {
            // A config the pack cannot parse leaves it without evidence: the engine-version policy then
            // fails closed, which is the safe direction.
            config = {};
        }
    }
    const context = stackContextFromConfig(stack, config);
    const root = projectRootAbove(cwd);
    if (root !== undefined) {
        context.projectRoot = root;
    }
    return context;
}

/** The nearest folder at or above `dir` with a Pulumi.yaml (the CLI starts a pack in its own folder). */
export function projectRootAbove(dir: string): string | undefined {
    for (let current = path.resolve(dir); ; current = path.dirname(current)) {
        if (fs.existsSync(path.join(current, "Pulumi.yaml"))) {
            return current;
        }
        if (path.dirname(current) === current) {
            return undefined;
        }
    }
}

/**
 * The spec read with the program's own reader. Notifications are left out: the pack needs none of
 * them, and the CLI may hand their secret to the pack in a form the reader would refuse.
 */
function specOf(config: Record<string, unknown>): StackSpec | undefined {
    const prefix = `${NAMESPACE}:`;
    const keys = Object.keys(config)
        .filter((key) => key.startsWith(prefix))
        .map((key) => key.slice(prefix.length))
        .filter((key) => key !== "notifications");
    const source: SpecSource = {
        keys: () => keys,
        value: (key) => (keys.includes(key) ? parseMaybeJsonOrText(config[`${prefix}${key}`]) : undefined),
        isSecret: () => false,
    };
    try {
        return readSpec(source);
    } catch (error) {
        if (error instanceof ConfigError) {
            return undefined;
        }
        throw error;
    }
}

/** A PULUMI_CONFIG value: JSON for objects and lists, plain text for scalars. */
function parseMaybeJsonOrText(value: unknown): unknown {
    if (typeof value !== "string") {
        return value;
    }
    try {
        return JSON.parse(value);
    } catch {
        return value;
    }
}

function parseMaybeJson(value: unknown): unknown {
    if (typeof value !== "string") {
        return value;
    }
    try {
        return JSON.parse(value);
    } catch {
        return undefined;
    }
}

function asObject(value: unknown): Record<string, unknown> | undefined {
    return typeof value === "object" && value !== null && !Array.isArray(value)
        ? value as Record<string, unknown>
        : undefined;
}
