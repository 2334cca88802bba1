/**
 * Loads a `Pulumi.<stack>.yaml` into the Pulumi runtime config the way the engine would, so the
 * reader can run outside `pulumi up` (the normalize script, unit tests under mocks).
 */
import * as pulumi from "@pulumi/pulumi";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parse } from "yaml";
import { ConfigError } from "./errors";
import { containsSecureMarker, isSecureMarker } from "./secret";

export interface StackConfig {
    /** Every config key of the file, values as the engine passes them: strings as-is, others JSON. */
    readonly values: Readonly<Record<string, string>>;
    /** Keys whose value holds a `{ secure: ... }`. */
    readonly secretKeys: readonly string[];
}

export interface LoadOptions {
    /**
     * What a `{ secure: ... }` becomes. Absent: it is kept as written (the reader then sees where
     * it is and never gets clear text). A function simulates the engine, which decrypts secrets
     * and passes clear text in a secret key.
     */
    readonly decrypt?: (ciphertext: string) => string;
}

/** The stack file could not be parsed as a stack file at all. */
export class StackFileError extends Error {}

export function readStackConfig(path: string, options: LoadOptions = {}): StackConfig {
    const text = readFileSync(path, "utf8");
    let document: unknown;
    try {
        document = parse(text);
    } catch (error) {
        throw new StackFileError(`${basename(path)}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    }
    const config = typeof document === "object" && document !== null ? (document as { config?: unknown }).config : undefined;
    if (config === undefined || config === null) {
        return { values: {}, secretKeys: [] };
    }
    if (typeof config !== "object" || Array.isArray(config)) {
        throw new StackFileError(`${basename(path)}: config: must be a map of keys to values`);
    }
    const values: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, raw] of Object.entries(config as Record<string, unknown>)) {
        if (containsSecureMarker(raw)) {
            secretKeys.push(key);
        }
        const value = options.decrypt === undefined ? raw : decryptAll(raw, options.decrypt);
        values[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return { values, secretKeys };
}

/** Replaces the runtime config with a stack file's, as the engine would before running the program. */
export function loadStackFile(path: string, options: LoadOptions = {}): StackConfig {
    const stack = readStackConfig(path, options);
    pulumi.runtime.setAllConfig({ ...stack.values }, [...stack.secretKeys]);
    return stack;
}

function decryptAll(value: unknown, decrypt: (ciphertext: string) => string): unknown {
    if (isSecureMarker(value)) {
        return decrypt(value.secure);
    }
    if (Array.isArray(value)) {
        return value.map((v) => decryptAll(v, decrypt));
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decryptAll(v, decrypt)]));
    }
    return value;
}

export { ConfigError };
