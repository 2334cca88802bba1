/**
 * Early alarms for one cluster, from `resilience:alarms`, all to the stack's SNS topic, and a
 * dashboard of the same metrics. In the upgrade post-mortem reader CPU rose in production only and
 * the alarms fired late; here each alarm's period and evaluation count are part of the spec.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AlarmSpec } from "../config";
import { CLOUDWATCH_METRICS, dimensionsOf, treatMissingDataOf } from "./alarmMetrics";

export interface DatabaseAlarmsArgs {
    readonly clusterIdentifier: string;
    /** The writer instance's identifier, for metrics published per instance only (DBLoad). */
    readonly writerIdentifier: string;
    readonly alarms: readonly AlarmSpec[];
    /** The SNS topic every alarm notifies (ALARM, OK and INSUFFICIENT_DATA). */
    readonly topicArn: pulumi.Input<string>;
    /** The region, for the dashboard's widgets. */
    readonly region: pulumi.Input<string>;
    readonly tags: Record<string, string>;
}

export class DatabaseAlarms extends pulumi.ComponentResource {
    /** By spec name. */
    readonly alarms: ReadonlyMap<string, aws.cloudwatch.MetricAlarm>;
    readonly dashboard: aws.cloudwatch.Dashboard;

    constructor(name: string, args: DatabaseAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("resilience:aws:DatabaseAlarms", name, {}, opts);
        const id = args.clusterIdentifier;
        const alarms = new Map<string, aws.cloudwatch.MetricAlarm>();
        for (const spec of args.alarms) {
            const metric = CLOUDWATCH_METRICS[spec.metric];
            alarms.set(
                spec.name,
                new aws.cloudwatch.MetricAlarm(
                    `${name}-${spec.name}`,
                    {
                        name: `${id}-${spec.name}`,
                        alarmDescription: `${id}: ${spec.metric} ${spec.comparison} ${spec.threshold} for ${spec.evaluationPeriods} x ${spec.periodSeconds}s (resilience:alarms ${spec.name})`,
                        namespace: metric.namespace,
                        metricName: metric.metricName,
                        dimensions: dimensionsOf(metric, id, args.writerIdentifier),
                        statistic: metric.statistic,
                        comparisonOperator: spec.comparison === "greaterThan" ? "GreaterThanThreshold" : "LessThanThreshold",
                        threshold: spec.threshold * metric.thresholdScale,
                        period: spec.periodSeconds,
                        evaluationPeriods: spec.evaluationPeriods,
                        datapointsToAlarm: spec.evaluationPeriods,
                        treatMissingData: treatMissingDataOf(spec),
                        alarmActions: [args.topicArn],
                        okActions: [args.topicArn],
                        insufficientDataActions: [args.topicArn],
                        tags: { ...args.tags, "resilience:alarm": spec.name },
                    },
                    { parent: this },
                ),
            );
        }
        this.alarms = alarms;

        const alarmArns = [...alarms.values()].map((a) => a.arn);
        this.dashboard = new aws.cloudwatch.Dashboard(
            `${name}-dashboard`,
            {
                dashboardName: `${id}-resilience`,
                dashboardBody: pulumi
                    .all([pulumi.output(args.region), pulumi.all(alarmArns)])
                    .apply(([region, arns]) => JSON.stringify(dashboardBody(id, args.writerIdentifier, region, args.alarms, arns))),
            },
            { parent: this },
        );

        this.registerOutputs({ alarmNames: this.alarmNames, dashboard: this.dashboard.dashboardName });
    }

    get alarmNames(): pulumi.Output<string[]> {
        return pulumi.all([...this.alarms.values()].map((a) => a.name));
    }
}

/** One alarm-status widget, then one graph per alarm with its threshold drawn in. */
function dashboardBody(id: string, writerIdentifier: string, region: string, alarms: readonly AlarmSpec[], alarmArns: readonly string[]): object {
    const status = {
        type: "alarm",
        x: 0,
        y: 0,
        width: 24,
        height: 3,
        properties: { title: `${id}: alarms`, alarms: alarmArns },
    };
    const graphs = alarms.map((spec, i) => {
        const metric = CLOUDWATCH_METRICS[spec.metric];
        const dimensions = Object.entries(dimensionsOf(metric, id, writerIdentifier)).flat();
        return {
            type: "metric",
            x: (i % 2) * 12,
            y: 3 + Math.floor(i / 2) * 6,
            width: 12,
            height: 6,
            properties: {
                title: `${spec.name} (${metric.metricName}${metric.role === undefined ? "" : ` ${metric.role}`})`,
                region,
                view: "timeSeries",
                stat: metric.statistic,
                period: spec.periodSeconds,
                metrics: [[metric.namespace, metric.metricName, ...dimensions]],
                annotations: { horizontal: [{ label: spec.name, value: spec.threshold * metric.thresholdScale }] },
            },
        };
    });
    return { widgets: [status, ...graphs] };
}
