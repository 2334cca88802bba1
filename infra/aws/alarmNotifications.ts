/**
 * The SNS topic every alarm of the stack publishes to, with the on-call subscriptions from
 * `resilience:notifications`. An alarm that pages nobody is a graph, not an alarm.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SecretValue } from "../config";
import type { NotificationsSpec } from "../config";

export interface AlarmNotificationsArgs {
    readonly notifications: NotificationsSpec;
    readonly tags: Record<string, string>;
}

export class AlarmNotifications extends pulumi.ComponentResource {
    readonly key: aws.kms.Key;
    readonly topic: aws.sns.Topic;

    constructor(name: string, args: AlarmNotificationsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("resilience:aws:AlarmNotifications", name, {}, opts);
        const caller = aws.getCallerIdentityOutput({}, { parent: this });
        const partition = aws.getPartitionOutput({}, { parent: this });
        // A customer-managed key: CloudWatch cannot publish to a topic under the AWS-managed SNS key,
        // so this key's policy lets the account administer it and CloudWatch alarms and EventBridge (the
        // game-day's verdict) use it, nothing else.
        this.key = new aws.kms.Key(
            `${name}-key`,
            {
                description: `resilience ${pulumi.getStack()}: encrypts the alarm topic`,
                enableKeyRotation: true,
                deletionWindowInDays: 30,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "Account",
                            Effect: "Allow",
                            Principal: { AWS: pulumi.interpolate`arn:${partition.partition}:iam::${caller.accountId}:root` },
                            Action: "kms:*",
                            Resource: "*",
                        },
                        {
                            Sid: "CloudWatchAlarms",
                            Effect: "Allow",
                            Principal: { Service: "cloudwatch.amazonaws.com" },
                            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                            Resource: "*",
                        },
                        // The scheduled game-day's verdict (an EventBridge rule, scheduledGameday.ts) is published here too.
                        {
                            Sid: "EventBridgeGamedayVerdict",
                            Effect: "Allow",
                            Principal: { Service: "events.amazonaws.com" },
                            Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                            Resource: "*",
                        },
                    ],
                }),
                tags: args.tags,
            },
            { parent: this },
        );
        this.topic = new aws.sns.Topic(
            `${name}-topic`,
            {
                name: `resilience-${pulumi.getStack()}-alarms`,
                displayName: `resilience ${pulumi.getStack()} alarms`,
                kmsMasterKeyId: this.key.arn,
                tags: args.tags,
            },
            { parent: this },
        );
        // Who may publish: the account's alarms and the account's EventBridge rules (the game-day verdict).
        // A topic policy replaces SNS's default one, so the owner's own rights are restated first.
        const sourceAccount = { StringEquals: { "aws:SourceAccount": caller.accountId } };
        new aws.sns.TopicPolicy(
            `${name}-policy`,
            {
                arn: this.topic.arn,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "Owner",
                            Effect: "Allow",
                            Principal: { AWS: pulumi.interpolate`arn:${partition.partition}:iam::${caller.accountId}:root` },
                            Action: ["sns:Publish", "sns:Subscribe", "sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:ListSubscriptionsByTopic", "sns:DeleteTopic"],
                            Resource: this.topic.arn,
                        },
                        { Sid: "CloudWatchAlarms", Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" }, Action: "sns:Publish", Resource: this.topic.arn, Condition: sourceAccount },
                        { Sid: "EventBridgeGamedayVerdict", Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sns:Publish", Resource: this.topic.arn, Condition: sourceAccount },
                    ],
                }),
            },
            { parent: this },
        );
        args.notifications.emails.forEach((email, i) => {
            new aws.sns.TopicSubscription(
                `${name}-email-${i + 1}`,
                { topic: this.topic.arn, protocol: "email", endpoint: email },
                { parent: this },
            );
        });
        const webhook = webhookEndpoint(args.notifications.webhookUrl);
        if (webhook !== undefined) {
            new aws.sns.TopicSubscription(
                `${name}-webhook`,
                { topic: this.topic.arn, protocol: "https", endpoint: webhook, endpointAutoConfirms: false },
                { parent: this },
            );
        }
        this.registerOutputs({ topicArn: this.topic.arn });
    }
}

/** The webhook as a subscription endpoint: a secret stays a Pulumi secret; SNS needs https. */
function webhookEndpoint(url: NotificationsSpec["webhookUrl"]): pulumi.Input<string> | undefined {
    if (url === null) {
        return undefined;
    }
    if (url instanceof SecretValue) {
        const output = url.toOutput();
        if (output === undefined) {
            pulumi.log.warn("resilience:notifications.webhookUrl is a secret that was not decrypted; no webhook subscription is declared");
        }
        return output;
    }
    if (!url.startsWith("https://")) {
        pulumi.log.warn(`resilience:notifications.webhookUrl ${url} is not https://, which SNS cannot reach; no webhook subscription is declared`);
        return undefined;
    }
    return url;
}
