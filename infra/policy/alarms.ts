// Policies on CloudWatch alarms: every cluster is watched on the metrics that went unwatched in the
// post-mortems (reader CPU after an upgrade, replica lag), every alarm pages someone, and no alarm
// goes quiet when the database stops reporting.
import { HEALTHY_WARM_REPLICAS_METRIC } from "../aws/constants";
import * as aws from "@pulumi/aws";
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";

import { clusterKeys } from "./aurora-topology";
import { knownValues, label, ofType, refersTo, ResourceType, tryRead } from "./resources";
import { schemaWithDefaults, settings } from "./settings";
import { isProduction, StackContext } from "./stack-context";

/** One metric an alarm watches (the alarm's own, or one of its metric queries). */
export interface AlarmMetric {
    namespace?: string;
    metricName?: string;
    /** Dimension values; an entry is absent when its value is unknown during a preview. */
    dimensions: Record<string, string>;
}

/** The kinds of alarm a cluster may be required to have, and the metrics that satisfy each. */
export const alarmKinds = {
    writerCpu: { title: "writer CPU", metrics: ["CPUUtilization"], role: "WRITER" },
    readerCpu: { title: "reader CPU", metrics: ["CPUUtilization"], role: "READER" },
    replicaLag: { title: "replica lag", metrics: ["AuroraReplicaLag", "AuroraReplicaLagMaximum"] },
    freeableMemory: { title: "freeable memory", metrics: ["FreeableMemory"] },
    connections: { title: "connections", metrics: ["DatabaseConnections"] },
    disk: { title: "disk (queue depth, write IOPS or write latency)", metrics: ["DiskQueueDepth", "WriteIOPS", "WriteLatency"] },
    dbLoad: { title: "database load", metrics: ["DBLoad", "DBLoadCPU"] },
    warmReaders: { title: "warm readers (the warm-up gate's count, not the reader count)", metrics: [HEALTHY_WARM_REPLICAS_METRIC] },
} as const satisfies Record<string, { title: string; metrics: readonly string[]; role?: string }>;

/** The name of an alarm kind. */
export type AlarmKind = keyof typeof alarmKinds;

/** The metrics an alarm watches. */
export function alarmMetrics(alarm: { props: Record<string, any> }): AlarmMetric[] {
    const metrics: AlarmMetric[] = [];
    const own = readMetric(() => alarm.props);
    if (own.metricName !== undefined) {
        metrics.push(own);
    }
    const queries = tryRead(() => (alarm.props.metricQueries as unknown[] | undefined)?.length ?? 0);
    for (let index = 0; queries.known && index < queries.value; index++) {
        const metric = readMetric(() => alarm.props.metricQueries[index].metric);
        if (metric.metricName !== undefined) {
            metrics.push(metric);
        }
    }
    return metrics;
}

function readMetric(source: () => Record<string, any> | undefined): AlarmMetric {
    const text = (read: () => unknown): string | undefined => {
        const value = tryRead(read);
        return value.known && typeof value.value === "string" ? value.value : undefined;
    };
    const dimensions: Record<string, string> = {};
    const keys = tryRead(() => Object.keys(source()?.dimensions ?? {}));
    for (const key of keys.known ? keys.value : []) {
        const value = text(() => source()?.dimensions[key]);
        if (value !== undefined) {
            dimensions[key] = value;
        }
    }
    return {
        namespace: text(() => source()?.namespace),
        metricName: text(() => source()?.metricName),
        dimensions,
    };
}

/** Whether an alarm watches a database: an AWS/RDS metric, or a metric with a DB cluster or instance dimension. */
export function isDatabaseAlarm(alarm: { props: Record<string, any> }): boolean {
    return alarmMetrics(alarm).some((metric) =>
        metric.namespace === "AWS/RDS" ||
        "DBClusterIdentifier" in metric.dimensions ||
        "DBInstanceIdentifier" in metric.dimensions);
}

/** Whether an alarm watches a cluster: through property dependencies, or a DBClusterIdentifier dimension. */
function watchesCluster(alarm: PolicyResource, cluster: PolicyResource): boolean {
    return refersTo(alarm, "dimensions", cluster, clusterKeys, (props) => props.dimensions?.DBClusterIdentifier) ||
        refersTo(alarm, "metricQueries", cluster, clusterKeys,
            () => alarmMetrics(alarm).map((metric) => metric.dimensions.DBClusterIdentifier));
}

function satisfies(alarm: PolicyResource, kind: AlarmKind): boolean {
    const wanted: { metrics: readonly string[]; role?: string } = alarmKinds[kind];
    return alarmMetrics(alarm).some((metric) =>
        metric.metricName !== undefined && wanted.metrics.includes(metric.metricName) &&
        (wanted.role === undefined || metric.dimensions.Role?.toUpperCase() === wanted.role));
}

/** Thresholds of {@link requiredAlarms}. */
export interface RequiredAlarmsSettings {
    /** The kinds of alarm every cluster must have. */
    requiredAlarms: AlarmKind[];
}

const requiredAlarmsDefaults: RequiredAlarmsSettings = {
    requiredAlarms: ["writerCpu", "readerCpu", "replicaLag", "freeableMemory", "connections", "disk", "warmReaders"],
};

/** Every Aurora cluster has the required alarms. */
export function requiredAlarms(): StackValidationPolicy {
    return {
        name: "database-required-alarms",
        description: "Every Aurora cluster has alarms on writer CPU, reader CPU, replica lag, freeable memory, connections, disk and warm readers.",
        severity: "high",
        configSchema: schemaWithDefaults(requiredAlarmsDefaults, {
            requiredAlarms: {
                type: "array",
                items: { type: "string", enum: Object.keys(alarmKinds) },
                uniqueItems: true,
                description: "The kinds of alarm every cluster must have.",
            },
        }),
        validateStack: (args, reportViolation) => {
            const { requiredAlarms: required } = settings(args, requiredAlarmsDefaults);
            const alarms = ofType(args.resources, ResourceType.metricAlarm);
            for (const cluster of ofType(args.resources, ResourceType.rdsCluster)) {
                const watching = alarms.filter((alarm) => watchesCluster(alarm, cluster));
                const missing = required.filter((kind) => !watching.some((alarm) => satisfies(alarm, kind)));
                if (missing.length > 0) {
                    reportViolation(
                        `Cluster ${label(cluster, "clusterIdentifier")} has no alarm on ${missing.map((kind) => alarmKinds[kind].title).join(", ")} ` +
                        `(required: ${required.join(", ")}).`, cluster.urn);
                }
            }
        },
    };
}

/** Every database alarm notifies an SNS topic: an alarm that pages nobody is a graph, not an alarm. */
export function alarmNotifiesTopic(): StackValidationPolicy {
    return {
        name: "database-alarm-notifies-topic",
        description: "Every database alarm has an alarm action that publishes to an SNS topic.",
        severity: "high",
        validateStack: (args, reportViolation) => {
            const topics = ofType(args.resources, ResourceType.snsTopic);
            for (const alarm of ofType(args.resources, ResourceType.metricAlarm).filter(isDatabaseAlarm)) {
                const toTopic = topics.some((topic) => refersTo(alarm, "alarmActions", topic, ["arn", "id"])) ||
                    knownValues(() => alarm.props.alarmActions)
                        .some((action) => typeof action === "string" && /^arn:aws[a-z-]*:sns:/.test(action));
                if (!toTopic) {
                    reportViolation(
                        `Alarm "${alarm.name}" has no alarm action to an SNS topic: when it fires, nobody is told. ` +
                        `Add the stack's alarm topic to alarmActions.`, alarm.urn);
                }
            }
        },
    };
}

/** Thresholds of {@link alarmMissingData}. */
export interface AlarmMissingDataSettings {
    /** treatMissingData values a database alarm may not use. */
    forbiddenTreatMissingData: string[];
}

const alarmMissingDataDefaults: AlarmMissingDataSettings = { forbiddenTreatMissingData: ["notBreaching", "ignore"] };

/**
 * A database that is down stops publishing metrics. `notBreaching` turns that silence into "OK" and
 * `ignore` keeps the last state, so either hides a dead database behind a quiet alarm.
 */
export function alarmMissingData(): ResourceValidationPolicy {
    return {
        name: "database-alarm-missing-data",
        description: "No database alarm treats missing data in a way that hides a dead database (notBreaching, ignore).",
        severity: "high",
        configSchema: schemaWithDefaults(alarmMissingDataDefaults, {
            forbiddenTreatMissingData: {
                type: "array",
                items: { type: "string", enum: ["breaching", "notBreaching", "ignore", "missing"] },
                uniqueItems: true,
                description: "treatMissingData values a database alarm may not use.",
            },
        }),
        validateResource: validateResourceOfType(aws.cloudwatch.MetricAlarm, (alarm, args, reportViolation) => {
            if (!isDatabaseAlarm(args)) {
                return;
            }
            const { forbiddenTreatMissingData } = settings(args, alarmMissingDataDefaults);
            const treatment = alarm.treatMissingData ?? "missing";
            if (forbiddenTreatMissingData.includes(treatment)) {
                reportViolation(
                    `Alarm "${args.name}" sets treatMissingData: "${treatment}"; a database that stops reporting ` +
                    `would look healthy. Use "breaching" (or "missing" with insufficientDataActions).`);
            }
        }),
    };
}

/** Thresholds of {@link alarmCanFire}. */
export interface AlarmCanFireSettings {
    /** The longest period a database alarm may aggregate over, in seconds. */
    maxPeriodSeconds: number;
    /** The longest a breach may have to last before the alarm fires (period x evaluation periods), in seconds. */
    maxEvaluationSeconds: number;
    /** Per metric, the highest threshold a "greater than" alarm may have (CPU in percent, replica lag in milliseconds). */
    maxGreaterThanThresholds: Record<string, number>;
}

const alarmCanFireDefaults: AlarmCanFireSettings = {
    maxPeriodSeconds: 300,
    maxEvaluationSeconds: 900,
    maxGreaterThanThresholds: { CPUUtilization: 95, AuroraReplicaLag: 60000, AuroraReplicaLagMaximum: 60000 },
};

/**
 * An alarm that exists but can never fire is worse than none: it reads as coverage, and as a FIS stop
 * condition it makes the experiment unstoppable. CPU above 100 %, replica lag above a day, a one-day
 * period: each passes every other check. Every metric these alarms watch is non-negative, so "less
 * than" a threshold of 0 or below can never fire either.
 */
export function alarmCanFire(): ResourceValidationPolicy {
    return {
        name: "database-alarm-can-fire",
        description: "Database alarms have thresholds a metric can cross and periods short enough to page in time.",
        severity: "high",
        configSchema: schemaWithDefaults(alarmCanFireDefaults, {
            maxPeriodSeconds: { type: "integer", minimum: 10, description: "The longest period a database alarm may aggregate over, in seconds." },
            maxEvaluationSeconds: { type: "integer", minimum: 10, description: "The longest a breach may have to last before the alarm fires, in seconds." },
            maxGreaterThanThresholds: {
                type: "object",
                additionalProperties: { type: "number" },
                description: "Per metric name, the highest threshold a greater-than alarm may have (CPUUtilization in percent, AuroraReplicaLag in milliseconds).",
            },
        }),
        validateResource: validateResourceOfType(aws.cloudwatch.MetricAlarm, (alarm, args, reportViolation) => {
            if (!isDatabaseAlarm(args)) {
                return;
            }
            const config = settings(args, alarmCanFireDefaults);
            const period = alarm.period ?? 0;
            const evaluations = alarm.datapointsToAlarm ?? alarm.evaluationPeriods ?? 1;
            if (period > config.maxPeriodSeconds) {
                reportViolation(`Alarm "${args.name}" aggregates over ${period} s; a period over ${config.maxPeriodSeconds} s pages too late to act on.`);
            }
            if (period * evaluations > config.maxEvaluationSeconds) {
                reportViolation(
                    `Alarm "${args.name}" fires only after ${period * evaluations} s of breach (${evaluations} x ${period} s); ` +
                    `it must fire within ${config.maxEvaluationSeconds} s.`);
            }
            const threshold = alarm.threshold;
            const operator = alarm.comparisonOperator ?? "";
            const metric = alarm.metricName ?? "";
            const limit = config.maxGreaterThanThresholds[metric];
            if (threshold !== undefined && operator.startsWith("GreaterThan") && limit !== undefined && threshold > limit) {
                reportViolation(
                    `Alarm "${args.name}" fires when ${metric} > ${threshold}, which it never reaches in time ` +
                    `(at most ${limit} for this metric).`);
            }
            if (threshold !== undefined && operator.startsWith("LessThan") && threshold <= 0 && alarm.namespace === "AWS/RDS") {
                reportViolation(`Alarm "${args.name}" fires when ${metric} < ${threshold}, which a non-negative metric never is.`);
            }
        }),
    };
}

/** Production-only alarm checks may be asked of every stack. */
export interface TopicSubscriberSettings {
    /** Require a subscriber in every stack, not only production ones. */
    requireInAllStacks: boolean;
}

const topicSubscriberDefaults: TopicSubscriberSettings = { requireInAllStacks: false };

/** In production the topic the database alarms publish to reaches someone. */
export function alarmTopicHasSubscriber(context: StackContext = {}): StackValidationPolicy {
    return {
        name: "alarm-topic-has-subscriber",
        description: "In production, every SNS topic a database alarm publishes to has at least one subscription.",
        severity: "high",
        configSchema: schemaWithDefaults(topicSubscriberDefaults, {
            requireInAllStacks: { type: "boolean", description: "Require a subscriber in every stack, not only production ones." },
        }),
        validateStack: (args, reportViolation) => {
            const { requireInAllStacks } = settings(args, topicSubscriberDefaults);
            if (!requireInAllStacks && !isProduction(context)) {
                return;
            }
            const alarms = ofType(args.resources, ResourceType.metricAlarm).filter(isDatabaseAlarm);
            const subscriptions = ofType(args.resources, ResourceType.snsTopicSubscription);
            for (const topic of ofType(args.resources, ResourceType.snsTopic)) {
                if (!alarms.some((alarm) => refersTo(alarm, "alarmActions", topic, ["arn", "id"]))) {
                    continue;
                }
                if (!subscriptions.some((subscription) => refersTo(subscription, "topic", topic, ["arn", "id"]))) {
                    reportViolation(
                        `Topic ${label(topic, "name")} receives the database alarms but has no subscription: an alarm pages nobody. ` +
                        `Add resilience:notifications.emails or webhookUrl.`, topic.urn);
                }
            }
        },
    };
}

/** Every alarm policy, in the order they appear in the pack. */
export function alarmPolicies(context: StackContext = {}): (ResourceValidationPolicy | StackValidationPolicy)[] {
    return [requiredAlarms(), alarmNotifiesTopic(), alarmMissingData(), alarmCanFire(), alarmTopicHasSubscriber(context)];
}
