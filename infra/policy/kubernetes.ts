// Policies on CloudNativePG clusters: enough instances to survive a lost pod, instances on separate
// nodes in production, a readiness probe that keeps lagging replicas out of the `-ro` service, and
// synchronous replication so an acknowledged write survives a primary loss.
import { PolicyResource, ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

import { compareVersions } from "../kubernetes/chartVersion";
import { ofType, ResourceType, stackOfResources, stackOfUrn, tryRead, validateResourceOfTypeToken } from "./resources";
import { schemaWithDefaults, settings } from "./settings";
import { isProduction, StackContext } from "./stack-context";

/** Production-only checks may be asked of every stack. */
export interface ProductionOnlySettings {
    /** Apply the check in every stack, not only production ones. */
    requireInAllStacks: boolean;
}

const productionOnlyDefaults: ProductionOnlySettings = { requireInAllStacks: false };

const productionOnlySchema = schemaWithDefaults(productionOnlyDefaults, {
    requireInAllStacks: { type: "boolean", description: "Apply the check in every stack, not only production ones." },
});

function onlyInProduction(args: ResourceValidationArgs, context: StackContext): string {
    const stack = stackOfUrn(args.urn);
    if (!settings(args, productionOnlyDefaults).requireInAllStacks && !isProduction(context)) {
        args.notApplicable(`stack "${stack}" is not a production stack`);
    }
    return stack;
}

/** Thresholds of {@link cnpgInstances}. */
export interface CnpgInstancesSettings {
    /** The fewest PostgreSQL instances (primary included) a cluster may run. */
    minInstances: number;
}

const cnpgInstancesDefaults: CnpgInstancesSettings = { minInstances: 2 };

/** A cluster with one instance has no replica to fail over to or read from. */
export function cnpgInstances(): ResourceValidationPolicy {
    return {
        name: "cnpg-instances",
        description: "CloudNativePG clusters run at least 2 instances (a primary and a replica).",
        severity: "high",
        configSchema: schemaWithDefaults(cnpgInstancesDefaults, {
            minInstances: { type: "integer", minimum: 1, description: "The fewest PostgreSQL instances (primary included) a cluster may run." },
        }),
        validateResource: validateResourceOfTypeToken(ResourceType.cnpgCluster, (props, args, reportViolation) => {
            const { minInstances } = settings(args, cnpgInstancesDefaults);
            const instances: unknown = props.spec?.instances;
            if (typeof instances !== "number" || instances < minInstances) {
                reportViolation(
                    `CloudNativePG cluster "${args.name}" runs ${String(instances ?? "no")} instance(s); ` +
                    `spec.instances must be at least ${minInstances}.`);
            }
        }),
    };
}

/** In production, no two instances share a node: a lost node takes one instance, never the cluster. */
export function cnpgRequiredAntiAffinity(context: StackContext = {}): ResourceValidationPolicy {
    return {
        name: "cnpg-required-anti-affinity",
        description: "Production CloudNativePG clusters require pod anti-affinity between their instances.",
        severity: "high",
        configSchema: productionOnlySchema,
        validateResource: validateResourceOfTypeToken(ResourceType.cnpgCluster, (props, args, reportViolation) => {
            const stack = onlyInProduction(args, context);
            const affinity = props.spec?.affinity ?? {};
            if (affinity.enablePodAntiAffinity === false) {
                reportViolation(
                    `CloudNativePG cluster "${args.name}" in stack "${stack}" turns pod anti-affinity off ` +
                    `(spec.affinity.enablePodAntiAffinity: false).`);
            } else if (affinity.podAntiAffinityType !== "required") {
                reportViolation(
                    `CloudNativePG cluster "${args.name}" in stack "${stack}" must set spec.affinity.podAntiAffinityType: ` +
                    `"required" (got ${JSON.stringify(affinity.podAntiAffinityType ?? "preferred")}); ` +
                    `"preferred" lets the scheduler put two instances on one node.`);
            }
        }),
    };
}

/**
 * The readiness probe is the warm-up gate on Kubernetes: a replica joins the `-ro` service only
 * while it streams from the primary with lag under a bound.
 */
export function cnpgReadinessMaxLag(): ResourceValidationPolicy {
    return {
        name: "cnpg-readiness-max-lag",
        description: "CloudNativePG clusters use a streaming readiness probe with a maximum lag.",
        severity: "high",
        validateResource: validateResourceOfTypeToken(ResourceType.cnpgCluster, (props, args, reportViolation) => {
            const readiness = props.spec?.probes?.readiness ?? {};
            if (readiness.type !== "streaming") {
                reportViolation(
                    `CloudNativePG cluster "${args.name}" must use spec.probes.readiness.type: "streaming" ` +
                    `(got ${JSON.stringify(readiness.type ?? "pg_isready")}); otherwise a replica that is far behind is ready.`);
            } else if (readiness.maximumLag === undefined || readiness.maximumLag === null || readiness.maximumLag === "") {
                reportViolation(
                    `CloudNativePG cluster "${args.name}" has a streaming readiness probe without spec.probes.readiness.maximumLag; ` +
                    `a replica that streams but lags behind still receives reads.`);
            }
        }),
    };
}

/**
 * In production an acknowledged write is on two instances: with asynchronous replication a primary
 * loss loses the writes its replica had not received (lostWrites must be 0).
 */
export function cnpgSynchronousReplication(context: StackContext = {}): ResourceValidationPolicy {
    return {
        name: "cnpg-synchronous-replication",
        description: "Production CloudNativePG clusters replicate synchronously with required data durability.",
        severity: "critical",
        configSchema: productionOnlySchema,
        validateResource: validateResourceOfTypeToken(ResourceType.cnpgCluster, (props, args, reportViolation) => {
            const stack = onlyInProduction(args, context);
            const spec = props.spec ?? {};
            const synchronous = spec.postgresql?.synchronous;
            const legacyMin: unknown = spec.minSyncReplicas;
            if (synchronous !== undefined && synchronous !== null) {
                if (typeof synchronous.number !== "number" || synchronous.number < 1) {
                    reportViolation(
                        `CloudNativePG cluster "${args.name}" in stack "${stack}" must set ` +
                        `spec.postgresql.synchronous.number to at least 1 (got ${String(synchronous.number)}).`);
                }
                if (synchronous.dataDurability === "preferred") {
                    reportViolation(
                        `CloudNativePG cluster "${args.name}" in stack "${stack}" sets spec.postgresql.synchronous.dataDurability: ` +
                        `"preferred", which acknowledges writes without a standby when none is available; use "required".`);
                }
            } else if (typeof legacyMin !== "number" || legacyMin < 1) {
                reportViolation(
                    `CloudNativePG cluster "${args.name}" in stack "${stack}" replicates asynchronously; set ` +
                    `spec.postgresql.synchronous (method: any, number: 1) so an acknowledged write survives a primary loss.`);
            }
        }),
    };
}

/** Thresholds of {@link cnpgZones}. */
export interface CnpgZonesSettings extends ProductionOnlySettings {
    /** The fewest zones a production cluster's instances must be spread over. */
    minZones: number;
}

const cnpgZonesDefaults: CnpgZonesSettings = { requireInAllStacks: false, minZones: 3 };

const ZONE_KEY = "topology.kubernetes.io/zone";

/** The zones a cluster's node affinity allows (`topology.kubernetes.io/zone In [...]`). */
function allowedZones(spec: Record<string, any>): string[] {
    const terms: any[] = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
    return [...new Set(terms.flatMap((term) => (term.matchExpressions ?? [])
        .filter((e: any) => e.key === ZONE_KEY && e.operator === "In")
        .flatMap((e: any) => e.values ?? [])))];
}

/**
 * In production a zone outage takes at most one instance: the instances are pinned to at least three
 * zones and spread over them with DoNotSchedule (the same bar as Aurora's readers).
 */
export function cnpgZones(context: StackContext = {}): ResourceValidationPolicy {
    return {
        name: "cnpg-zones-in-production",
        description: "Production CloudNativePG clusters spread their instances over at least 3 availability zones.",
        severity: "high",
        configSchema: schemaWithDefaults(cnpgZonesDefaults, {
            requireInAllStacks: { type: "boolean", description: "Apply the check in every stack, not only production ones." },
            minZones: { type: "integer", minimum: 1, description: "The fewest zones a production cluster's instances must be spread over." },
        }),
        validateResource: validateResourceOfTypeToken(ResourceType.cnpgCluster, (props, args, reportViolation) => {
            const stack = onlyInProduction(args, context);
            const { minZones } = settings(args, cnpgZonesDefaults);
            const spec = props.spec ?? {};
            const zones = allowedZones(spec);
            const spread = (spec.topologySpreadConstraints ?? []).some((c: any) => c.topologyKey === ZONE_KEY && c.whenUnsatisfiable === "DoNotSchedule");
            if (zones.length < minZones || !spread) {
                reportViolation(
                    `CloudNativePG cluster "${args.name}" in stack "${stack}" is pinned to ${zones.length} zone(s)` +
                    `${zones.length > 0 ? ` (${zones.join(", ")})` : ""}${spread ? "" : " without a DoNotSchedule zone spread"}; ` +
                    `it needs at least ${minZones} zones (resilience:kubernetes.zones) so a zone outage takes one instance.`);
            }
        }),
    };
}

/** Thresholds of {@link cnpgOperatorChart}. */
export interface OperatorChartSettings {
    /** The oldest cloudnative-pg chart allowed: 0.29.0 ships operator 1.30.0 (scale selector, supported). */
    minChartVersion: string;
}

const operatorChartDefaults: OperatorChartSettings = { minChartVersion: "0.29.0" };

/**
 * The CloudNativePG operator is one that is supported and whose Cluster has a scale selector: 1.26
 * reached end of life on 2025-11-12, and before 1.28.4/1.29.2/1.30.0 a HorizontalPodAutoscaler on a
 * Cluster reports InvalidSelector.
 */
export function cnpgOperatorChart(): ResourceValidationPolicy {
    return {
        name: "cnpg-operator-chart-minimum",
        description: "The cloudnative-pg Helm chart is at least the configured minimum (0.29.0: operator 1.30.0).",
        severity: "high",
        configSchema: schemaWithDefaults(operatorChartDefaults, {
            minChartVersion: { type: "string", description: "The oldest cloudnative-pg chart allowed." },
        }),
        validateResource: validateResourceOfTypeToken(ResourceType.helmRelease, (props, args, reportViolation) => {
            if (props.chart !== "cloudnative-pg" && !String(props.chart ?? "").endsWith("/cloudnative-pg")) {
                return;
            }
            const { minChartVersion } = settings(args, operatorChartDefaults);
            const version = String(props.version ?? "");
            if (version === "" || compareVersions(version, minChartVersion) < 0) {
                reportViolation(
                    `Helm release "${args.name}" installs cloudnative-pg chart ${version === "" ? "(no version: whatever is latest)" : version}; ` +
                    `pin at least ${minChartVersion} (resilience:kubernetes.operatorChartVersion).`);
            }
        }),
    };
}

/** Thresholds of {@link cnpgBackups}. */
export interface CnpgBackupsSettings extends ProductionOnlySettings {
    /** The fewest days of backups and WAL a production cluster keeps. */
    minRetentionDays: number;
}

const cnpgBackupsDefaults: CnpgBackupsSettings = { requireInAllStacks: false, minRetentionDays: 7 };

/** `14d`, `2w`, `1m` in days (a month as 30). */
export function retentionDays(policy: unknown): number | undefined {
    const match = typeof policy === "string" ? /^([1-9][0-9]*)([dwm])$/.exec(policy) : null;
    if (!match) {
        return undefined;
    }
    return Number(match[1]) * ({ d: 1, w: 7, m: 30 } as const)[match[2] as "d" | "w" | "m"];
}

/**
 * A production cluster can be restored: WAL is archived to object storage, base backups are taken on
 * a schedule, and both are kept for at least a week.
 */
export function cnpgBackups(context: StackContext = {}): StackValidationPolicy {
    return {
        name: "cnpg-backups-in-production",
        description: "Production CloudNativePG clusters archive WAL and take scheduled base backups to object storage, kept for at least 7 days.",
        severity: "critical",
        configSchema: schemaWithDefaults(cnpgBackupsDefaults, {
            requireInAllStacks: { type: "boolean", description: "Apply the check in every stack, not only production ones." },
            minRetentionDays: { type: "integer", minimum: 1, description: "The fewest days of backups and WAL a production cluster keeps." },
        }),
        validateStack: (args, reportViolation) => {
            const config = settings(args, cnpgBackupsDefaults);
            if (!config.requireInAllStacks && !isProduction(context)) {
                return;
            }
            const stack = stackOfResources(args.resources) ?? context.stack;
            const scheduled = ofType(args.resources, ResourceType.cnpgScheduledBackup);
            for (const cluster of ofType(args.resources, ResourceType.cnpgCluster)) {
                const name = clusterName(cluster);
                const backup = tryRead(() => cluster.props.spec?.backup);
                const store = backup.known ? backup.value?.barmanObjectStore : undefined;
                const where = `CloudNativePG cluster "${cluster.name}" in stack "${stack}"`;
                if (!store?.destinationPath) {
                    reportViolation(`${where} archives no WAL: set spec.backup.barmanObjectStore (an object store destination).`, cluster.urn);
                    continue;
                }
                const days = retentionDays(backup.known ? backup.value?.retentionPolicy : undefined);
                if (days === undefined || days < config.minRetentionDays) {
                    reportViolation(
                        `${where} keeps backups ${days === undefined ? "without a retention policy" : `for ${days} day(s)`}; ` +
                        `spec.backup.retentionPolicy must keep at least ${config.minRetentionDays} days.`, cluster.urn);
                }
                if (!scheduled.some((s) => tryRead(() => s.props.spec?.cluster?.name).known && s.props.spec?.cluster?.name === name)) {
                    reportViolation(`${where} has no ScheduledBackup: WAL alone cannot be restored without a base backup.`, cluster.urn);
                }
            }
        },
    };
}

/** Names of PrometheusRule alerts, by the cluster their expressions watch. */
function alertsWatching(rules: readonly PolicyResource[], name: string): string[] {
    return rules.flatMap((rule) => ((tryRead(() => rule.props.spec?.groups).known ? rule.props.spec?.groups : undefined) ?? [])
        .flatMap((group: any) => group.rules ?? [])
        .filter((r: any) => typeof r.expr === "string" && r.alert && r.expr.includes(`"${name}`))
        .map((r: any) => String(r.alert)));
}

function clusterName(cluster: PolicyResource): string {
    const name = tryRead(() => cluster.props.metadata?.name);
    return name.known && typeof name.value === "string" ? name.value : cluster.name;
}

/** In production a CloudNativePG cluster has alerts, as an Aurora cluster has its alarms. */
export function cnpgAlarms(context: StackContext = {}): StackValidationPolicy {
    return {
        name: "cnpg-alarms-in-production",
        description: "Production CloudNativePG clusters have PrometheusRule alerts that watch them.",
        severity: "high",
        configSchema: productionOnlySchema,
        validateStack: (args, reportViolation) => {
            if (!settings(args, productionOnlyDefaults).requireInAllStacks && !isProduction(context)) {
                return;
            }
            const rules = ofType(args.resources, ResourceType.prometheusRule);
            for (const cluster of ofType(args.resources, ResourceType.cnpgCluster)) {
                if (alertsWatching(rules, clusterName(cluster)).length === 0) {
                    reportViolation(
                        `CloudNativePG cluster "${cluster.name}" has no PrometheusRule alert on it: a failing database pages nobody. ` +
                        `Declare resilience:alarms, with resilience:kubernetes.monitoring left on.`, cluster.urn);
                }
            }
        },
    };
}

/** Every Kubernetes policy, in the order they appear in the pack. */
export function kubernetesPolicies(context: StackContext = {}): (ResourceValidationPolicy | StackValidationPolicy)[] {
    return [
        cnpgInstances(),
        cnpgRequiredAntiAffinity(context),
        cnpgReadinessMaxLag(),
        cnpgSynchronousReplication(context),
        cnpgZones(context),
        cnpgOperatorChart(),
        cnpgBackups(context),
        cnpgAlarms(context),
    ];
}
