/**
 * Pages when EventBridge Scheduler does not start the scheduled game-day. A task that never starts
 * sends no verdict (its STOPPED event never comes), so silence would read as "no news"; instead the
 * schedule lives in its own schedule group, whose Scheduler metrics count exactly its failures, a
 * failed invocation goes to a dead-letter queue (kept 14 days, with the error Scheduler got), and three
 * alarms publish to the stack's alarm topic: RunTask refused by ECS (TargetErrorCount: no capacity, a
 * bad subnet, a role that cannot be passed), an invocation Scheduler gave up on (InvocationDroppedCount),
 * and a message waiting in the dead-letter queue (stays in alarm until someone has read and removed it).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface GamedayStartWatchArgs {
    /** `<stack>-gameday`: the schedule group's, the queue's and the alarms' prefix. */
    readonly family: string;
    /** The stack's alarm topic. */
    readonly alarmTopicArn: pulumi.Input<string>;
    readonly tags: Record<string, string>;
}

/** SQS's longest retention: a failed start is still there to read two weeks later. */
export const DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 3600;
/** Scheduler publishes per minute; five minutes is the shortest period these alarms need to page once per failure. */
export const START_ALARM_PERIOD_SECONDS = 300;

/** The AWS/Scheduler metrics of a schedule group that mean "the game-day was not started". */
export const SCHEDULER_FAILURE_METRICS = ["TargetErrorCount", "InvocationDroppedCount"] as const;

export class GamedayStartWatch extends pulumi.ComponentResource {
    readonly scheduleGroup: aws.scheduler.ScheduleGroup;
    readonly deadLetterQueue: aws.sqs.Queue;

    constructor(name: string, args: GamedayStartWatchArgs, opts?: pulumi.ComponentResourceOptions) {
        super("resilience:aws:GamedayStartWatch", name, {}, opts);
        const parent = { parent: this };
        const { family, tags } = args;

        this.scheduleGroup = new aws.scheduler.ScheduleGroup(`${name}-group`, { name: family, tags }, parent);
        this.deadLetterQueue = new aws.sqs.Queue(
            `${name}-dead-letter`,
            { name: `${family}-not-started`, messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS, sqsManagedSseEnabled: true, tags },
            parent,
        );

        const page: Omit<aws.cloudwatch.MetricAlarmArgs, "name" | "alarmDescription" | "namespace" | "metricName" | "dimensions" | "statistic"> = {
            comparisonOperator: "GreaterThanThreshold",
            threshold: 0,
            evaluationPeriods: 1,
            period: START_ALARM_PERIOD_SECONDS,
            // No invocation, no data: between two weekly runs the alarm is OK, not INSUFFICIENT_DATA.
            treatMissingData: "notBreaching",
            alarmActions: [args.alarmTopicArn],
            tags,
        };
        for (const metric of SCHEDULER_FAILURE_METRICS) {
            new aws.cloudwatch.MetricAlarm(
                `${name}-${metric}`,
                {
                    ...page,
                    name: `${family}-${metric === "TargetErrorCount" ? "not-started" : "dropped"}`,
                    alarmDescription: `${family}: EventBridge Scheduler could not start the game-day task (${metric} > 0); the reason is in the dead-letter queue ${family}-not-started`,
                    namespace: "AWS/Scheduler",
                    metricName: metric,
                    dimensions: { ScheduleGroup: this.scheduleGroup.name },
                    statistic: "Sum",
                },
                parent,
            );
        }
        new aws.cloudwatch.MetricAlarm(
            `${name}-dead-letter-waiting`,
            {
                ...page,
                name: `${family}-dead-letter-waiting`,
                alarmDescription: `${family}: a game-day start that failed waits in ${family}-not-started; read it (aws sqs receive-message) and delete it to clear this alarm`,
                namespace: "AWS/SQS",
                metricName: "ApproximateNumberOfMessagesVisible",
                dimensions: { QueueName: this.deadLetterQueue.name },
                statistic: "Maximum",
            },
            parent,
        );
        this.registerOutputs({ scheduleGroup: this.scheduleGroup.name, deadLetterQueue: this.deadLetterQueue.url });
    }
}
