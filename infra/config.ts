/**
 * The TypeScript reader of the environment spec (docs/configuration.md): every `resilience:*` key
 * through `pulumi.Config("resilience")`, with the same defaults and validation as the C# reader
 * (src/Topology). Validation errors throw {@link ConfigError} with `<keypath>: <what>`.
 */
import { pulumiConfigSource } from "./spec/source";
import type { SpecSource } from "./spec/source";
import type { StackSpec } from "./spec/model";
import { readSpec } from "./spec/stackSpec";

export { ConfigError } from "./spec/errors";
export { normalize } from "./spec/normalize";
export type { Json } from "./spec/normalize";
export { SecretValue } from "./spec/secret";
export { pulumiConfigSource } from "./spec/source";
export type { SpecSource } from "./spec/source";
export * from "./spec/model";

/** Reads the stack's spec; defaults applied, validated, deeply frozen. Throws ConfigError. */
export function readStackSpec(source: SpecSource = pulumiConfigSource()): StackSpec {
    return readSpec(source);
}
