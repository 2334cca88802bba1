// Policy configuration: every policy declares its thresholds once, as defaults that also fill its
// JSON schema, so `pulumi policy validate-config` and the code agree on what a missing value means.
import { PolicyConfigSchema } from "@pulumi/policy";
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

/** Anything that can hand a policy its configuration (ResourceValidationArgs, StackValidationArgs). */
export interface HasConfig {
    getConfig<T extends object>(): T;
}

/** The configured values over the defaults; keys absent from the config keep their default. */
export function settings<T extends object>(args: HasConfig, defaults: T): T {
    const configured = args.getConfig<Partial<T>>() ?? {};
    const result = { ...defaults };
    for (const key of Object.keys(defaults) as (keyof T)[]) {
        const value = configured[key];
        if (value !== undefined && value !== null) {
            result[key] = value as T[keyof T];
        }
    }
    return result;
}

/** A config schema whose properties carry the given defaults. */
export function schemaWithDefaults<T extends object>(
    defaults: T,
    properties: { [K in keyof T]: PolicyConfigJSONSchema },
): PolicyConfigSchema {
    const withDefaults: { [key: string]: PolicyConfigJSONSchema } = {};
    for (const key of Object.keys(properties) as (keyof T & string)[]) {
        withDefaults[key] = { ...properties[key], default: defaults[key] as PolicyConfigJSONSchema["default"] };
    }
    return { properties: withDefaults };
}
