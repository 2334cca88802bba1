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
    readonly topic: aws.sns.Topic;

    constructor(name: string, args: AlarmNotificationsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("resilience:aws:AlarmNotifications", name, {}, opts);
        this.topic = new aws.sns.Topic(
            `${name}-topic`,
            { name: `resilience-${pulumi.getStack()}-alarms`, displayName: `resilience ${pulumi.getStack()} alarms`, tags: args.tags },
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
