/**
 * Typed reads of raw config values at a key path: type checks, defaults and rules, each failing
 * with `<keypath>: <what>`. Absent and null both mean "use the default", as in the C# reader.
 * Scalars are read the way YAML scalars are (a string field accepts `15`, an integer field `"15"`),
 * so that both readers accept the same files.
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
    if (value === null || value === undefined) {
        return "null";
    }
    if (isSecureMarker(value)) {
        return "a secret";
    }
    if (Array.isArray(value)) {
        return "a list";
    }
    if (typeof value === "object") {
        return "an object";
    }
    return String(value);
}

/** Absent or null. */
export function isAbsent(value: unknown): value is undefined | null {
    return value === undefined || value === null;
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

/** A present scalar as text, the way a YAML scalar reads; fails on objects, lists and secrets. */
function scalarText(path: string, value: unknown, expected: string): string {
    rejectSecret(path, value);
    if (typeof value === "string") {
        return value;
    }
    if (typeof value === "number" || typeof value === "boolean") {
        return String(value);
    }
    return fail(path, `must be ${expected}, got ${show(value)}`);
}

export function readInteger(path: string, value: unknown, fallback: number, ...rules: Rule<number>[]): number {
    if (isAbsent(value)) {
        return fallback;
    }
    const text = scalarText(path, value, "an integer").trim();
    if (!/^[+-]?[0-9]+$/.test(text)) {
        fail(path, `must be an integer, got ${show(value)}`);
    }
    return applyRules(path, Number(text), rules);
}

export function readNumber(path: string, value: unknown, fallback: number, ...rules: Rule<number>[]): number {
    if (isAbsent(value)) {
        return fallback;
    }
    const text = scalarText(path, value, "a number").trim();
    const number = text === "" ? Number.NaN : Number(text);
    if (!Number.isFinite(number)) {
        fail(path, `must be a number, got ${show(value)}`);
    }
    return applyRules(path, number, rules);
}

export function readRequiredString(path: string, value: unknown, ...rules: Rule<string>[]): string {
    if (isAbsent(value)) {
        fail(path, "is required");
    }
    return applyRules(path, scalarText(path, value, "a string"), rules);
}

export function readString(path: string, value: unknown, fallback: string, ...rules: Rule<string>[]): string {
    return isAbsent(value) ? fallback : readRequiredString(path, value, ...rules);
}

/**
 * A version such as `15.4`. Written unquoted, YAML reads `15.10` as the number 15.1, so a
 * non-integer number is refused rather than silently changed.
 */
export function readVersion(path: string, value: unknown, ...rules: Rule<string>[]): string {
    if (typeof value === "number" && !Number.isInteger(value)) {
        fail(path, `must be quoted (an unquoted ${value} is a number, and 15.10 would read as 15.1)`);
    }
    return readRequiredString(path, value, ...rules);
}

export function readBoolean(path: string, value: unknown, fallback: boolean): boolean {
    if (isAbsent(value)) {
        return fallback;
    }
    const text = scalarText(path, value, "true or false");
    if (text === "true" || text === "True") {
        return true;
    }
    if (text === "false" || text === "False") {
        return false;
    }
    return fail(path, `must be true or false, got ${show(value)}`);
}

/**
 * A list, each item read in order; `minItems` is checked after the items (an empty list has
 * none to check).
 */
export function readList<T>(
    path: string,
    value: unknown,
    fallback: readonly T[],
    readItem: (itemPath: string, item: unknown, index: number) => T,
    minItems = 0,
): readonly T[] {
    if (isAbsent(value)) {
        return fallback;
    }
    rejectSecret(path, value);
    if (!Array.isArray(value)) {
        fail(path, `must be a list, got ${show(value)}`);
    }
    const items = value.map((item: unknown, index) => readItem(`${path}[${index}]`, item, index));
    if (items.length < minItems) {
        fail(path, minItems === 1 ? "must not be empty" : `must have at least ${minItems} items, got ${items.length}`);
    }
    return items;
}

/** Fails at `<list>[i].name` on the first name equal to an earlier one. */
export function rejectDuplicateNames(path: string, names: readonly string[], what: string): void {
    names.forEach((name, index) => {
        if (names.indexOf(name) !== index) {
            fail(`${path}[${index}].name`, `duplicate ${what} name ${show(name)}`);
        }
    });
}

/**
 * The fields of an object at a key path. Fields are read in the doc's order; {@link Fields.end}
 * then rejects any field never read (a typo must not silently fall back to a default).
 */
export class Fields {
    private readonly read = new Set<string>();

    private constructor(
        readonly path: string,
        private readonly raw: Readonly<Record<string, unknown>>,
    ) {}

    /** Absent or null: every field absent. */
    static of(path: string, value: unknown): Fields {
        if (isAbsent(value)) {
            return new Fields(path, {});
        }
        rejectSecret(path, value);
        if (typeof value !== "object" || Array.isArray(value)) {
            fail(path, `must be an object, got ${show(value)}`);
        }
        return new Fields(path, value as Record<string, unknown>);
    }

    /** Fails on the first field (in the order written) that was never read. */
    end(): void {
        for (const key of Object.keys(this.raw)) {
            if (!this.read.has(key)) {
                fail(this.at(key), `unknown field (expected one of: ${[...this.read].join(", ")})`);
            }
        }
    }

    at(name: string): string {
        return `${this.path}.${name}`;
    }

    /** The keys as written, in order (for objects keyed by name rather than by fixed fields). */
    keys(): readonly string[] {
        return Object.keys(this.raw);
    }

    /** The raw value, null turned into absent; marks the field as known. */
    value(name: string): unknown {
        this.read.add(name);
        const value = this.raw[name];
        return value === null ? undefined : value;
    }

    integer(name: string, fallback: number, ...rules: Rule<number>[]): number {
        return readInteger(this.at(name), this.value(name), fallback, ...rules);
    }

    number(name: string, fallback: number, ...rules: Rule<number>[]): number {
        return readNumber(this.at(name), this.value(name), fallback, ...rules);
    }

    requiredNumber(name: string, ...rules: Rule<number>[]): number {
        const value = this.value(name);
        if (value === undefined) {
            fail(this.at(name), "is required");
        }
        return readNumber(this.at(name), value, Number.NaN, ...rules);
    }

    string(name: string, fallback: string, ...rules: Rule<string>[]): string {
        return readString(this.at(name), this.value(name), fallback, ...rules);
    }

    requiredString(name: string, ...rules: Rule<string>[]): string {
        return readRequiredString(this.at(name), this.value(name), ...rules);
    }

    nullableString(name: string, ...rules: Rule<string>[]): string | null {
        const value = this.value(name);
        return value === undefined ? null : readRequiredString(this.at(name), value, ...rules);
    }

    version(name: string, fallback: string, ...rules: Rule<string>[]): string {
        const value = this.value(name);
        return value === undefined ? fallback : readVersion(this.at(name), value, ...rules);
    }

    boolean(name: string, fallback: boolean): boolean {
        return readBoolean(this.at(name), this.value(name), fallback);
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
            this.value(name),
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

export const nonEmpty: Rule<string> = (v) => (v.trim().length > 0 ? undefined : "must not be empty");

export const matches =
    (pattern: RegExp, description: string): Rule<string> =>
    (v) =>
        pattern.test(v) ? undefined : `must be ${description}, got ${show(v)}`;

export const startsWith =
    (prefix: string): Rule<string> =>
    (v) =>
        v.startsWith(prefix) ? undefined : `must start with ${show(prefix)}, got ${show(v)}`;

/**
 * An EC2 resource id such as `subnet-0a1b2c3d4e5f60718`: the prefix, then 8 (older ids) or 17
 * lowercase hex digits. A prefix alone let `subnet-0ggg...` through to a failed deploy.
 */
export const awsId =
    (prefix: string): Rule<string> =>
    (v) =>
        new RegExp(`^${prefix}([0-9a-f]{8}|[0-9a-f]{17})$`).test(v)
            ? undefined
            : `must be ${show(prefix)} followed by 8 or 17 lowercase hex digits, got ${show(v)}`;

/** A KMS key ARN (`arn:aws:kms:<region>:<12-digit account>:key/<key id>`) or alias ARN. */
export const kmsKeyArn: Rule<string> = matches(
    /^arn:aws(-cn|-us-gov)?:kms:[a-z]{2}(-[a-z]+)+-[0-9]:[0-9]{12}:(key\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})|alias\/[A-Za-z0-9\/_-]+)$/,
    "a KMS key ARN arn:aws:kms:<region>:<12-digit account>:key/<key id> (or alias/<name>)",
);

/** An availability zone name such as `eu-central-1a` (or a Local Zone, `us-west-2-lax-1a`). */
export const availabilityZone: Rule<string> = matches(
    /^[a-z]{2}(-[a-z]+)+-[0-9]+[a-z](-[a-z]+-[0-9]+[a-z])?$/,
    "an availability zone name such as eu-central-1a",
);

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
