/**
 * A stack file the user wrote is wrong. The message is `<keypath>: <what>`, e.g.
 * `resilience:replicaGroups[0].size: min 3 > desired 2`; callers prefix the file name.
 */
export class ConfigError extends Error {
    constructor(
        /** The first offending key, e.g. `resilience:replicaGroups[0].size.min`. */
        readonly keyPath: string,
        /** What is wrong with it, including the bad value. */
        readonly what: string,
    ) {
        super(`${keyPath}: ${what}`);
        this.name = "ConfigError";
    }
}

/** Throws a {@link ConfigError}; typed `never` so it can end an expression. */
export function fail(keyPath: string, what: string): never {
    throw new ConfigError(keyPath, what);
}
