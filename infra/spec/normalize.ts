import type { StackSpec } from "./model";
import { SecretValue } from "./secret";

/** A JSON value. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/**
 * The normalized JSON object of docs/configuration.md, the one both readers must agree on: the
 * spec's own shape (it already has every default, in doc order), secrets as `"[secret]"`.
 */
export function normalize(spec: StackSpec): Json {
    return toJson(spec);
}

function toJson(value: unknown): Json {
    if (value instanceof SecretValue) {
        return "[secret]";
    }
    if (value === null || typeof value === "boolean" || typeof value === "number" || typeof value === "string") {
        return value;
    }
    if (Array.isArray(value)) {
        return value.map(toJson);
    }
    if (typeof value === "object") {
        const out: Record<string, Json> = {};
        for (const [key, child] of Object.entries(value)) {
            out[key] = toJson(child);
        }
        return out;
    }
    throw new TypeError(`not representable in normalized JSON: ${typeof value}`);
}
