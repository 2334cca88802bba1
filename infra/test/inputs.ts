/** Helpers for asserting on recorded resource inputs. */
import type { RegisteredResource } from "./harness";

/** Every (path, value) pair of a nested value, e.g. `spec.containers[0].env[3].name`. */
export function* walk(value: unknown, path = ""): Generator<[string, unknown]> {
    yield [path, value];
    if (Array.isArray(value)) {
        for (const [i, item] of value.entries()) {
            yield* walk(item, `${path}[${i}]`);
        }
    } else if (typeof value === "object" && value !== null) {
        for (const [key, item] of Object.entries(value)) {
            yield* walk(item, path === "" ? key : `${path}.${key}`);
        }
    }
}

/**
 * Places where a password could sit in clear: a string under a key that names a password, or an
 * environment variable named like one with a literal value. Booleans (`manageMasterUserPassword`),
 * references (`valueFrom.secretKeyRef`) and Pulumi secrets (encrypted in the state) are fine.
 */
export function passwordsIn(resource: RegisteredResource): string[] {
    const found: string[] = [];
    // A Pulumi secret (a generated password) is encrypted in the state and never shown: not a password in clear.
    const inputs = Object.fromEntries(Object.entries(resource.inputs).filter(([key]) => !resource.secretProperties.includes(key)));
    for (const [path, value] of walk(inputs)) {
        const key = path.split(".").pop() ?? "";
        if (/pass(word)?|pwd/i.test(key) && typeof value === "string") {
            found.push(`${resource.name}: ${path}`);
        }
        if (typeof value === "object" && value !== null && !Array.isArray(value)) {
            const env = value as { name?: unknown; value?: unknown };
            if (typeof env.name === "string" && /PASS(WORD)?/i.test(env.name) && env.value !== undefined) {
                found.push(`${resource.name}: ${path} (env ${env.name} has a literal value)`);
            }
        }
    }
    return found;
}
