import * as pulumi from "@pulumi/pulumi";

export const NAMESPACE = "resilience";

/** Where the raw `resilience:*` values come from: the Pulumi runtime config, or a test double. */
export interface SpecSource {
    /** The `resilience:*` keys present, without the prefix, in the order they were written. */
    keys(): readonly string[];
    /** A key's raw value: objects and lists parsed from JSON, scalars as written; undefined when absent. */
    value(key: string): unknown;
    /** Whether the engine marked the key secret (its value, decrypted, is inside). */
    isSecret(key: string): boolean;
}

// Exported by @pulumi/pulumi's runtime at run time, though marked @internal in its typings.
type SecretKeyLookup = (fullKey: string) => boolean;
const isConfigSecret = (pulumi.runtime as unknown as { isConfigSecret?: SecretKeyLookup }).isConfigSecret;

/** The `resilience:*` keys through `pulumi.Config("resilience")`. */
export function pulumiConfigSource(config: pulumi.Config = new pulumi.Config(NAMESPACE)): SpecSource {
    const prefix = `${NAMESPACE}:`;
    return {
        keys: () =>
            Object.keys(pulumi.runtime.allConfig())
                .filter((k) => k.startsWith(prefix))
                .map((k) => k.substring(prefix.length)),
        value: (key) => {
            try {
                return config.getObject<unknown>(key);
            } catch {
                // Not JSON: a plain scalar such as `resilience:platform: aws`.
                return config.get(key);
            }
        },
        isSecret: (key) => isConfigSecret?.(`${prefix}${key}`) ?? false,
    };
}
