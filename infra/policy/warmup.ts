// The warm-up gate's own bounds. The gate is the whole defence against the 13-hour cold replica: a
// policy of `minWarmSeconds: 0` with `maxReplayLagSeconds: 3600` opens it for any replica that
// streams at all, so the stack file's warm-up policies must stay within sane bounds. They are read
// from the stack's spec (the program's own reader), since no resource carries them on every platform.
import { StackValidationPolicy } from "@pulumi/policy";

import { schemaWithDefaults, settings } from "./settings";
import { StackContext } from "./stack-context";

/** Thresholds of {@link warmupGateBounded}. */
export interface WarmupGateSettings {
    /** The shortest time a replica's gate conditions must hold before it opens. */
    minMinWarmSeconds: number;
    /** The largest replay lag a warm replica may have. */
    maxReplayLagSeconds: number;
    /** The longest an open gate may stay open while the lag is over its bound. */
    maxLagGraceSeconds: number;
}

const warmupGateDefaults: WarmupGateSettings = { minMinWarmSeconds: 10, maxReplayLagSeconds: 30, maxLagGraceSeconds: 60 };

/** Every replica group's warm-up policy keeps the gate meaningful. */
export function warmupGateBounded(context: StackContext): StackValidationPolicy {
    return {
        name: "warmup-gate-bounded",
        description: "Every replica group's warm-up gate waits at least minMinWarmSeconds and bounds replay lag and its grace.",
        severity: "high",
        configSchema: schemaWithDefaults(warmupGateDefaults, {
            minMinWarmSeconds: { type: "number", minimum: 0, description: "The shortest warmup.minWarmSeconds a group may declare." },
            maxReplayLagSeconds: { type: "number", exclusiveMinimum: 0, description: "The largest warmup.maxReplayLagSeconds a group may declare." },
            maxLagGraceSeconds: { type: "number", minimum: 0, description: "The largest warmup.lagGraceSeconds a group may declare." },
        }),
        validateStack: (args, reportViolation) => {
            const config = settings(args, warmupGateDefaults);
            // LocalCluster's game-days use short warm-ups on purpose; it deploys nothing through Pulumi.
            const groups = context.spec?.platform === "local" ? [] : (context.spec?.replicaGroups ?? []);
            for (const group of groups) {
                const warmup = group.warmup;
                const at = `resilience:replicaGroups "${group.name}" warmup`;
                if (warmup.minWarmSeconds < config.minMinWarmSeconds) {
                    reportViolation(
                        `${at}.minWarmSeconds is ${warmup.minWarmSeconds}; the gate would open as soon as a replica streams. ` +
                        `It must be at least ${config.minMinWarmSeconds}.`);
                }
                if (warmup.maxReplayLagSeconds > config.maxReplayLagSeconds) {
                    reportViolation(
                        `${at}.maxReplayLagSeconds is ${warmup.maxReplayLagSeconds}; a replica that far behind serves stale reads as warm. ` +
                        `It must be at most ${config.maxReplayLagSeconds}.`);
                }
                if (warmup.lagGraceSeconds > config.maxLagGraceSeconds) {
                    reportViolation(
                        `${at}.lagGraceSeconds is ${warmup.lagGraceSeconds}; a lagging replica would keep its reads that long. ` +
                        `It must be at most ${config.maxLagGraceSeconds}.`);
                }
            }
        },
    };
}

/** Every warm-up policy, in the order they appear in the pack. */
export function warmupPolicies(context: StackContext): StackValidationPolicy[] {
    return [warmupGateBounded(context)];
}
