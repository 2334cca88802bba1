// The resilience policy pack: every policy, grouped by domain, and the pack's default enforcement.
// `index.ts` serves it to the Pulumi CLI; tests build it from here without starting a server.
import { Policies, PolicyPackArgs } from "@pulumi/policy";

import { alarmPolicies } from "./alarms";
import { databasePolicies } from "./database";
import { environmentPolicies } from "./environment";
import { fisPolicies } from "./fis";
import { gamedayPolicies } from "./gameday";
import { kubernetesPolicies } from "./kubernetes";
import { replicaPolicies } from "./replicas";
import { defaultEnforcementLevel, StackContext } from "./stack-context";
import { upgradePolicies } from "./upgrades";
import { warmupPolicies } from "./warmup";

/** The pack's name, as `pulumi preview --policy-pack` reports it. */
export const policyPackName = "resilience";

/** Every policy of the pack. */
export function resiliencePolicies(context: StackContext): Policies {
    return [
        ...environmentPolicies(context),
        ...databasePolicies(context),
        ...replicaPolicies(context),
        ...warmupPolicies(context),
        ...alarmPolicies(context),
        ...fisPolicies(),
        ...kubernetesPolicies(context),
        ...upgradePolicies(context),
        ...gamedayPolicies(context),
    ];
}

/**
 * The pack's arguments. No policy sets its own enforcement level, so the pack's applies to all:
 * mandatory for a production stack, advisory elsewhere; `--policy-pack-config` overrides it.
 */
export function resiliencePolicyPackArgs(context: StackContext): PolicyPackArgs {
    return {
        description: "Stops unsafe database changes before they ship: encryption, deletion protection, readers and " +
            "failover targets, warm-reader endpoints, alarms, FIS safety, CloudNativePG replication, engine upgrades.",
        enforcementLevel: defaultEnforcementLevel(context),
        policies: resiliencePolicies(context),
    };
}
