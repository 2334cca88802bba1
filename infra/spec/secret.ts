import * as pulumi from "@pulumi/pulumi";
import { inspect } from "node:util";

const REDACTED = "[secret]";

/**
 * A config value written as `{ secure: v1:... }`. It never prints, serializes or logs in clear:
 * the spec carries it opaquely and only a resource input may open it, as a Pulumi secret.
 */
export class SecretValue {
    readonly #clearText: string | undefined;

    private constructor(clearText: string | undefined) {
        this.#clearText = clearText;
    }

    /** A secret read from a stack file: only its ciphertext is known, which is never kept. */
    static encrypted(): SecretValue {
        return new SecretValue(undefined);
    }

    /** A secret the Pulumi engine decrypted and handed over in a secret config key. */
    static decrypted(clearText: string): SecretValue {
        return new SecretValue(clearText);
    }

    /** Whether the engine decrypted it (false when read straight from a file, e.g. by normalize). */
    get isDecrypted(): boolean {
        return this.#clearText !== undefined;
    }

    /**
     * The value as a Pulumi secret output, for a resource input; undefined when it was never
     * decrypted (a file read outside the engine).
     */
    toOutput(): pulumi.Output<string> | undefined {
        return this.#clearText === undefined ? undefined : pulumi.secret(this.#clearText);
    }

    /** Applies a check to the clear text without letting it escape; true when not decrypted. */
    satisfies(check: (clearText: string) => boolean): boolean {
        return this.#clearText === undefined || check(this.#clearText);
    }

    toJSON(): string {
        return REDACTED;
    }

    toString(): string {
        return REDACTED;
    }

    [inspect.custom](): string {
        return REDACTED;
    }
}

/** `{ secure: "..." }`, the shape `pulumi config set --secret` writes into a stack file. */
export function isSecureMarker(value: unknown): value is { secure: string } {
    return (
        typeof value === "object" &&
        value !== null &&
        !Array.isArray(value) &&
        Object.keys(value).length === 1 &&
        typeof (value as { secure?: unknown }).secure === "string"
    );
}

/** Whether a `{ secure: ... }` marker occurs anywhere inside a value. */
export function containsSecureMarker(value: unknown): boolean {
    if (isSecureMarker(value)) {
        return true;
    }
    if (Array.isArray(value)) {
        return value.some(containsSecureMarker);
    }
    if (typeof value === "object" && value !== null) {
        return Object.values(value).some(containsSecureMarker);
    }
    return false;
}
