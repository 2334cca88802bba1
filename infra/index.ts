/**
 * The Pulumi program: reads the stack's `resilience:*` spec and assembles the realization its
 * platform names, one set of components per cell. Resource logic lives in the components
 * (aws/, kubernetes/); this file only reads config and wires them together.
 */
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, readStackSpec } from "./config";
import type { StackSpec } from "./config";
import { AlarmNotifications } from "./aws/alarmNotifications";
import { AuroraCell } from "./aws/auroraCell";
import type { AuroraCellOutputs } from "./aws/auroraCell";
import { cellTags } from "./aws/tags";
import { GamedayRunnerRole, gamedayRunnerArgs } from "./aws/gamedayRunnerRole";
import { ScheduledGameday as AwsScheduledGameday } from "./aws/scheduledGameday";
import { WarmupGateService } from "./aws/warmupGateService";
import { healthProbesImage } from "./healthProbesImage";
import { kubernetesSettings } from "./kubernetes/clusterShape";
import { CnpgCell } from "./kubernetes/cnpgCell";
import type { CnpgCellOutputs } from "./kubernetes/cnpgCell";
import { CnpgOperator } from "./kubernetes/cnpgOperator";
import { MonitoringCrds } from "./kubernetes/monitoringCrds";
import { DEFAULT_PROMETHEUS_URL, ScheduledGameday as KubernetesScheduledGameday } from "./kubernetes/scheduledGameday";

/** The stack outputs, the same keys on every platform. */
interface Realization {
    readonly cells: Record<string, AuroraCellOutputs | CnpgCellOutputs>;
    readonly alarmTopicArn?: pulumi.Output<string>;
    /** aws: each cell's database security group (the scheduled game-day's task is let in). */
    readonly databaseSecurityGroupIds?: pulumi.Output<string>[];
    readonly note?: string;
}

function readSpec(): StackSpec {
    try {
        return readStackSpec();
    } catch (error) {
        if (error instanceof ConfigError) {
            // One line, no stack trace: the file and key to fix.
            throw new pulumi.RunError(`Pulumi.${pulumi.getStack()}.yaml: ${error.message}`);
        }
        throw error;
    }
}

/**
 * Production is what `resilience:environment` says, never the stack's name; a name that looks like
 * production on a stack that is not declared so is worth a warning (the policy pack says the same).
 */
function isProduction(spec: StackSpec): boolean {
    const looksLikeProduction = pulumi
        .getStack()
        .toLowerCase()
        .split(/[-._/]/)
        .some((part) => part === "prod" || part === "prd" || part === "production");
    if (looksLikeProduction && spec.environment !== "production") {
        pulumi.log.warn(
            `stack ${pulumi.getStack()} looks like production by its name but resilience:environment is ${spec.environment}: ` +
                "no final snapshot, advisory policies; set resilience:environment: production if it is",
        );
    }
    return spec.environment === "production";
}

function onAws(spec: StackSpec): Realization {
    const production = isProduction(spec);
    const notifications = new AlarmNotifications("alarms", { notifications: spec.notifications, tags: cellTags("all") });
    const auroraCells = spec.cells.map(
        (cell) =>
            new AuroraCell(cell.name, {
                spec,
                cell,
                topicArn: notifications.topic.arn,
                production,
                createdAt: RUN_STARTED_AT,
            }),
    );
    const cells = Object.fromEntries(auroraCells.map((c, i) => [spec.cells[i]?.name ?? String(i), c.outputs]));
    if (spec.aws !== null) {
        new WarmupGateService("warmup-gate", {
            stack: pulumi.getStack(),
            image: healthProbesImage(),
            vpcId: spec.aws.vpcId,
            subnetIds: spec.aws.subnetIds,
            cells: auroraCells.map((c) => ({
                clusterIdentifier: c.outputs.clusterIdentifier,
                clusterResourceId: c.outputs.clusterResourceId,
                readEndpointIdentifier: c.readEndpointIdentifier,
                databaseSecurityGroupId: c.databaseSecurityGroupId,
            })),
            tags: cellTags("all"),
        });
    }
    return { cells, alarmTopicArn: notifications.topic.arn, databaseSecurityGroupIds: auroraCells.map((c) => c.databaseSecurityGroupId) };
}

function onKubernetes(spec: StackSpec): Realization {
    const kubernetes = kubernetesSettings(spec);
    // resilience:kubernetes.monitoring false: no PodMonitor or PrometheusRule, so no CRD to check.
    const monitoringCrds = kubernetes.monitoring ? new MonitoringCrds("monitoring-crds").crds : null;
    const operator = new CnpgOperator("cnpg", {
        chartVersion: kubernetes.operatorChartVersion,
        databaseNamespace: kubernetes.namespace,
    });
    const cells = Object.fromEntries(
        spec.cells.map((cell) => [
            cell.name,
            new CnpgCell(
                cell.name,
                { spec, cell, namespace: kubernetes.namespace, operator: operator.release, monitoringCrds },
                { dependsOn: [operator.databaseNamespace] },
            ).outputs,
        ]),
    );
    new KubernetesScheduledGameday("gameday", {
        stack: pulumi.getStack(),
        schedule: spec.gameday.schedule,
        image: requiredImage(spec),
        production: isProduction(spec),
        namespace: kubernetes.namespace,
        appSecrets: Object.values(cells).map((c) => c.credentialsSecret),
        storageClass: kubernetes.storageClass,
        monitoringLabels: kubernetes.monitoringLabels,
        verdictRule: monitoringCrds !== null,
        prometheusUrl: new pulumi.Config("gameday").get("prometheusUrl") ?? DEFAULT_PROMETHEUS_URL,
        dependsOn: [operator.databaseNamespace, ...(monitoringCrds ?? [])],
    });
    return { cells };
}

/** The spec reader requires the image on cloud platforms; this only narrows the type. */
function requiredImage(spec: StackSpec): string {
    if (spec.gameday.image === null) {
        throw new pulumi.RunError(`Pulumi.${pulumi.getStack()}.yaml: resilience:gameday.image: is required on platform ${spec.platform}`);
    }
    return spec.gameday.image;
}

function onLocal(): Realization {
    const note =
        "platform local: LocalCluster (src/LocalCluster) runs this stack on this machine; the Pulumi program declares no resources";
    pulumi.log.info(note);
    return { cells: {}, note };
}

/** Read once: only a newly created cluster keeps it (its final snapshot's name ignores later runs). */
const RUN_STARTED_AT = new Date();
const spec = readSpec();
const realization = spec.platform === "aws" ? onAws(spec) : spec.platform === "kubernetes" ? onKubernetes(spec) : onLocal();

const gamedayRunner = spec.platform === "aws"
    ? new GamedayRunnerRole("gameday-runner", gamedayRunnerArgs(spec.database.masterUsername, realization.cells as Record<string, AuroraCellOutputs>, new pulumi.Config("gameday"), true))
    : undefined;
const awsGameday = gamedayRunner !== undefined && spec.aws !== null && realization.alarmTopicArn !== undefined
    ? new AwsScheduledGameday("gameday", {
          stack: pulumi.getStack(),
          schedule: spec.gameday.schedule,
          image: requiredImage(spec),
          production: spec.environment === "production",
          vpcId: spec.aws.vpcId,
          subnetIds: spec.aws.subnetIds,
          databaseSecurityGroupIds: realization.databaseSecurityGroupIds ?? [],
          runnerRole: gamedayRunner.role,
          alarmTopicArn: realization.alarmTopicArn,
          tags: cellTags("all"),
      })
    : undefined;

export const platform = spec.platform;
export const gamedayRunnerRoleArn = gamedayRunner?.role.arn;
export const gamedayReportsBucket = awsGameday?.reports.bucket.bucket;
export const cells = realization.cells;
export const alarmTopicArn = realization.alarmTopicArn;
export const note = realization.note;
