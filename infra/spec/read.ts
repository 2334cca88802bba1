/**
 * Typed reads of raw config values at a key path: type checks, defaults and rules, each failing
 * with `<keypath>: <what>`. Absent (undefined) means "use the default"; null is only accepted where
 * the spec allows it, so a blank value never silently becomes a default.
 */
import { fail } from "./errors";
import { isSecureMarker } from "./secret";

/** A rule on a read value: undefined when it holds, else what is wrong (with the bad value). */
export type Rule<T> = (value: T) => string | undefined;

export const SECRET_NOT_ALLOWED =
    "may not be a secret (only resilience:notifications.webhookUrl may be { secure: ... })";

/** How a bad value is shown in a message. */
export function show(value: unknown): string {
    if (typeof value === "string") {
        return JSON.stringify(value);
    }
    if (value === null) {
        return "null";
    }
    if (Array.isArray(value)) {
        return "a list";
    }
    if (typeof value === "object") {
        return "an object";
    }
    return String(value);
}

function rejectSecret(path: string, value: unknown): void {
    if (isSecureMarker(value)) {
        fail(path, SECRET_NOT_ALLOWED);
    }
}

function applyRules<T>(path: string, value: T, rules: readonly Rule<T>[]): T {
    for (const rule of rules) {
        const what = rule(value);
        if (what !== undefined) {
            fail(path, what);
        }
    }
    return value;
}

export function readInteger(path: string, value: unknown, fallback: number, ...rules: Rule<number>[]): number {
    if (value === undefined) {
        return fallback;
    }
    rejectSecret(path, value);
    if (typeof value !== "number" || !Number.isInteger(value)) {
        fail(path, `must be an integer, got ${show(value)}`);
    }
    return applyRules(path, value, rules);
}

export function readNumber(path: string, value: unknown, fallback: number, ...rules: Rule<number>[]): number {
    if (value === undefined) {
        return fallback;
    }
    rejectSecret(path, value);
    if (typeof value !== "number" || !Number.isFinite(value)) {
        fail(path, `must be a number, got ${show(value)}`);
    }
    return applyRules(path, value, rules);
}

export function readString(path: string, value: unknown, fallback: string, ...rules: Rule<string>[]): string {
    if (value === undefined) {
        return fallback;
    }
    return readRequiredString(path, value, ...rules);
}

export function readRequiredString(path: string, value: unknown, ...rules: Rule<string>[]): string {
    if (value === undefined) {
        fail(path, "is required");
    }
    rejectSecret(path, value);
    if (typeof value !== "string") {
        fail(path, `must be a string, got ${show(value)}`);
    }
    return applyRules(path, value, rules);
}

export function readBoolean(path: string, value: unknown, fallback: boolean): boolean {
    if (value === undefined) {
        return fallback;
    }
    rejectSecret(path, value);
    if (typeof value !== "boolean") {
        fail(path, `must be true or false, got ${show(value)}`);
    }
    return value;
}

/** A value that may be null (or absent, meaning null). */
export function readNullable<T>(value: unknown, read: (value: unknown) => T): T | null {
    return value === undefined || value === null ? null : read(value);
}

/** A list; `minItems` is checked before the items, each item is read in order. */
export function readList<T>(
    path: string,
    value: unknown,
    fallback: readonly T[],
    readItem: (itemPath: string, item: unknown, index: number) => T,
    minItems = 0,
): readonly T[] {
    if (value === undefined) {
        return fallback;
    }
    rejectSecret(path, value);
    if (!Array.isArray(value)) {
        fail(path, `must be a list, got ${show(value)}`);
    }
    if (value.length < minItems) {
        fail(path, minItems === 1 ? "must not be empty" : `must have at least ${minItems} items, got ${value.length}`);
    }
    return value.map((item: unknown, index) => readItem(`${path}[${index}]`, item, index));
}

/** A rule for list items: no item equal to an earlier one. */
export function unique<T>(): (items: readonly T[], item: T) => string | undefined {
    return (earlier, item) => (earlier.includes(item) ? `duplicate ${show(item)}` : undefined);
}

/** The fields of an object at a key path, after rejecting unknown fields. */
export class Fields {
    private constructor(
        readonly path: string,
        private readonly raw: Readonly<Record<string, unknown>>,
    ) {}

    /**
     * Reads an object whose fields must be among `known`. Unknown fields are reported before any
     * known field is read (a typo must not silently fall back to a default). Absent: every field
     * absent.
     */
    static of(path: string, value: unknown, known: readonly string[]): Fields {
        if (value === undefined) {
            return new Fields(path, {});
        }
        rejectSecret(path, value);
        if (typeof value !== "object" || value === null || Array.isArray(value)) {
            fail(path, `must be an object, got ${show(value)}`);
        }
        for (const key of Object.keys(value)) {
            if (!known.includes(key)) {
                fail(`${path}.${key}`, `unknown field (expected one of: ${known.join(", ")})`);
            }
        }
        return new Fields(path, value as Record<string, unknown>);
    }

    at(name: string): string {
        return `${this.path}.${name}`;
    }

    value(name: string): unknown {
        return this.raw[name];
    }

    integer(name: string, fallback: number, ...rules: Rule<number>[]): number {
        return readInteger(this.at(name), this.raw[name], fallback, ...rules);
    }

    number(name: string, fallback: number, ...rules: Rule<number>[]): number {
        return readNumber(this.at(name), this.raw[name], fallback, ...rules);
    }

    requiredNumber(name: string, ...rules: Rule<number>[]): number {
        const value = this.raw[name];
        if (value === undefined) {
            fail(this.at(name), "is required");
        }
        return readNumber(this.at(name), value, Number.NaN, ...rules);
    }

    string(name: string, fallback: string, ...rules: Rule<string>[]): string {
        return readString(this.at(name), this.raw[name], fallback, ...rules);
    }

    requiredString(name: string, ...rules: Rule<string>[]): string {
        return readRequiredString(this.at(name), this.raw[name], ...rules);
    }

    nullableString(name: string, ...rules: Rule<string>[]): string | null {
        return readNullable(this.raw[name], (v) => readRequiredString(this.at(name), v, ...rules));
    }

    boolean(name: string, fallback: boolean): boolean {
        return readBoolean(this.at(name), this.raw[name], fallback);
    }

    /** A list of strings; `unique` reports a repeated item at its own index. */
    stringList(
        name: string,
        fallback: readonly string[],
        options: { minItems?: number; unique?: boolean; rules?: Rule<string>[] } = {},
    ): readonly string[] {
        const seen: string[] = [];
        return readList(
            this.at(name),
            this.raw[name],
            fallback,
            (itemPath, item) => {
                const text = readRequiredString(itemPath, item, ...(options.rules ?? []));
                if (options.unique === true && seen.includes(text)) {
                    fail(itemPath, `duplicate ${show(text)}`);
                }
                seen.push(text);
                return text;
            },
            options.minItems ?? 0,
        );
    }
}

// Rules. Each message carries the bad value.

export const atLeast =
    (min: number): Rule<number> =>
    (v) =>
        v >= min ? undefined : `must be >= ${min}, got ${v}`;

export const atMost =
    (max: number): Rule<number> =>
    (v) =>
        v <= max ? undefined : `must be <= ${max}, got ${v}`;

export const above =
    (min: number): Rule<number> =>
    (v) =>
        v > min ? undefined : `must be > ${min}, got ${v}`;

export const between =
    (min: number, max: number): Rule<number> =>
    (v) =>
        v >= min && v <= max ? undefined : `must be between ${min} and ${max}, got ${v}`;

export const nonEmpty: Rule<string> = (v) => (v.length > 0 ? undefined : "must not be empty");

export const matches =
    (pattern: RegExp, description: string): Rule<string> =>
    (v) =>
        pattern.test(v) ? undefined : `must be ${description}, got ${show(v)}`;

export const startsWith =
    (prefix: string): Rule<string> =>
    (v) =>
        v.startsWith(prefix) ? undefined : `must start with ${show(prefix)}, got ${show(v)}`;

export const maxLength =
    (max: number): Rule<string> =>
    (v) =>
        v.length <= max ? undefined : `must be at most ${max} characters, got ${v.length}`;

export function oneOf<T extends string>(allowed: readonly T[]): Rule<string> {
    return (v) => ((allowed as readonly string[]).includes(v) ? undefined : `must be one of ${allowed.join(", ")}; got ${show(v)}`);
}

/** `[a-z_][a-z0-9_]*`, at most 63 characters: a PostgreSQL identifier that needs no quoting. */
export const identifier: Rule<string>[] = [
    matches(/^[a-z_][a-z0-9_]*$/, "a PostgreSQL identifier ([a-z_][a-z0-9_]*)"),
    maxLength(63),
];

/** `[a-z][a-z0-9-]*`: a name used in resource names, DNS and alarm names. */
export const resourceName: Rule<string> = matches(/^[a-z][a-z0-9-]*$/, "a name matching [a-z][a-z0-9-]*");

/** `major` or `major.minor`, digits only: a pinned engine version. */
export const engineVersion: Rule<string>[] = [
    nonEmpty,
    matches(/^[0-9]+(\.[0-9]+)?$/, "a pinned version, major or major.minor digits only"),
];
