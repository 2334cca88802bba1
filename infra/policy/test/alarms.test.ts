import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { alarmCanFire, alarmMissingData, alarmNotifiesTopic, alarmTopicHasSubscriber, requiredAlarms } from "../alarms";
import { ResourceType } from "../resources";
import { auroraStack, named, withProps, without } from "./fixtures";
import { resourceViolations, stackViolations, TestResource, unknown, urnOf } from "./validation-args";

describe("database-required-alarms", () => {
    it("passes a cluster with every required alarm", async () => {
        assert.deepEqual(await stackViolations(requiredAlarms(), auroraStack()), []);
    });

    it("reports the missing kinds", async () => {
        const stack = without(auroraStack(), "reader-cpu-high", "replica-lag-high");
        assert.deepEqual(await stackViolations(requiredAlarms(), stack), [{
            message: `Cluster "eu-1" (resilience-staging-eu-1) has no alarm on reader CPU, replica lag (required: writerCpu, readerCpu, replicaLag, freeableMemory, connections, disk, warmReaders).`,
            urn: urnOf(ResourceType.rdsCluster, "eu-1"),
        }]);
    });

    it("does not count a CPU alarm without a Role dimension as the writer's", async () => {
        const stack = withProps(auroraStack(), "writer-cpu-high", { dimensions: { DBClusterIdentifier: "resilience-staging-eu-1" } });
        const violations = await stackViolations(requiredAlarms(), stack);
        assert.match(violations[0].message, /has no alarm on writer CPU \(/);
    });

    it("does not count an alarm on another cluster", async () => {
        const stack = withProps(auroraStack(), "freeable-memory-low", { dimensions: { DBClusterIdentifier: "someone-elses-cluster" } });
        const violations = await stackViolations(requiredAlarms(), stack);
        assert.match(violations[0].message, /has no alarm on freeable memory \(/);
    });

    it("finds alarms through property dependencies while the cluster id is unknown", async () => {
        const stack = auroraStack().map((resource): TestResource => resource.type === ResourceType.metricAlarm
            ? { ...resource, props: { ...resource.props, dimensions: { ...resource.props.dimensions as object, DBClusterIdentifier: unknown } }, propertyDependencies: { dimensions: ["eu-1"] } }
            : resource);
        assert.deepEqual(await stackViolations(requiredAlarms(), stack), []);
    });

    it("accepts an alarm on a metric query", async () => {
        const stack = withProps(auroraStack(), "disk-queue-high", {
            namespace: undefined, metricName: undefined, dimensions: undefined,
            metricQueries: [{ id: "m1", returnData: true, metric: { namespace: "AWS/RDS", metricName: "WriteIOPS", period: 60, stat: "Average", dimensions: { DBClusterIdentifier: "resilience-staging-eu-1" } } }],
        });
        assert.deepEqual(await stackViolations(requiredAlarms(), stack), []);
    });

    it("uses the configured list", async () => {
        const stack = without(auroraStack(), "disk-queue-high");
        assert.deepEqual(await stackViolations(requiredAlarms(), stack, { requiredAlarms: ["writerCpu", "readerCpu"] }), []);
        const violations = await stackViolations(requiredAlarms(), auroraStack(), { requiredAlarms: ["dbLoad"] });
        assert.match(violations[0].message, /has no alarm on database load \(required: dbLoad\)/);
    });
});

describe("database-alarm-notifies-topic", () => {
    it("passes alarms that publish to the stack's topic", async () => {
        assert.deepEqual(await stackViolations(alarmNotifiesTopic(), auroraStack()), []);
    });

    it("reports an alarm without actions", async () => {
        const stack = withProps(auroraStack(), "replica-lag-high", { alarmActions: [] });
        assert.deepEqual(await stackViolations(alarmNotifiesTopic(), stack), [{
            message: `Alarm "replica-lag-high" has no alarm action to an SNS topic: when it fires, nobody is told. Add the stack's alarm topic to alarmActions.`,
            urn: urnOf(ResourceType.metricAlarm, "replica-lag-high"),
        }]);
    });

    it("reports an alarm whose only action is not a topic", async () => {
        const stack = withProps(auroraStack(), "replica-lag-high", { alarmActions: ["arn:aws:automate:eu-central-1:ec2:reboot"] });
        assert.equal((await stackViolations(alarmNotifiesTopic(), stack)).length, 1);
    });

    it("accepts a topic ARN that is unknown during a preview, through property dependencies", async () => {
        const stack = withProps(auroraStack(), "replica-lag-high", { alarmActions: [unknown] }).map((resource): TestResource =>
            resource.name === "replica-lag-high" ? { ...resource, propertyDependencies: { alarmActions: ["alarms"] } } : resource);
        assert.deepEqual(await stackViolations(alarmNotifiesTopic(), stack), []);
    });

    it("accepts a topic declared in the stack whatever its ARN looks like", async () => {
        const stack = withProps(withProps(auroraStack(), "alarms", { arn: "alarms-arn" }), "replica-lag-high", { alarmActions: ["alarms-arn"] });
        assert.deepEqual(await stackViolations(alarmNotifiesTopic(), stack), []);
    });

    it("ignores alarms that do not watch a database", async () => {
        const queueAlarm: TestResource = {
            type: ResourceType.metricAlarm, name: "queue-depth",
            props: { namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", dimensions: { QueueName: "jobs" } },
        };
        assert.deepEqual(await stackViolations(alarmNotifiesTopic(), [...auroraStack(), queueAlarm]), []);
    });
});

describe("database-alarm-missing-data", () => {
    const alarm = named(auroraStack(), "replica-lag-high");
    const treating = (treatMissingData: string | undefined): TestResource => ({ ...alarm, props: { ...alarm.props, treatMissingData } });

    it("passes breaching and missing", async () => {
        assert.deepEqual(await resourceViolations(alarmMissingData(), treating("breaching")), []);
        assert.deepEqual(await resourceViolations(alarmMissingData(), treating(undefined)), []);
    });

    it("reports notBreaching", async () => {
        assert.deepEqual(await resourceViolations(alarmMissingData(), treating("notBreaching")), [
            `Alarm "replica-lag-high" sets treatMissingData: "notBreaching"; a database that stops reporting would look healthy. Use "breaching" (or "missing" with insufficientDataActions).`,
        ]);
    });

    it("reports ignore", async () => {
        const violations = await resourceViolations(alarmMissingData(), treating("ignore"));
        assert.match(violations[0], /sets treatMissingData: "ignore"/);
    });

    it("uses the configured list", async () => {
        assert.deepEqual(await resourceViolations(alarmMissingData(), treating("ignore"), { forbiddenTreatMissingData: ["notBreaching"] }), []);
    });

    it("ignores alarms that do not watch a database", async () => {
        const queueAlarm: TestResource = {
            type: ResourceType.metricAlarm, name: "queue-depth",
            props: { namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", treatMissingData: "notBreaching" },
        };
        assert.deepEqual(await resourceViolations(alarmMissingData(), queueAlarm), []);
    });
});

describe("database-alarm-can-fire", () => {
    const alarm = named(auroraStack(), "writer-cpu-high");
    const lag = named(auroraStack(), "replica-lag-high");
    const edited = (base: TestResource, props: Record<string, unknown>): TestResource => ({ ...base, props: { ...base.props, ...props } });

    it("passes the fixture's alarms", async () => {
        for (const resource of auroraStack().filter((r) => r.type === ResourceType.metricAlarm)) {
            assert.deepEqual(await resourceViolations(alarmCanFire(), resource), [], resource.name);
        }
    });

    it("reports CPU above 100 %, which can never be reached", async () => {
        assert.deepEqual(await resourceViolations(alarmCanFire(), edited(alarm, { threshold: 101 })), [
            `Alarm "writer-cpu-high" fires when CPUUtilization > 101, which it never reaches in time (at most 95 for this metric).`,
        ]);
    });

    it("reports replica lag above a day and a one-day period", async () => {
        const violations = await resourceViolations(alarmCanFire(), edited(lag, { threshold: 86_400_001, period: 86_400, evaluationPeriods: 1 }));
        assert.deepEqual(violations, [
            `Alarm "replica-lag-high" aggregates over 86400 s; a period over 300 s pages too late to act on.`,
            `Alarm "replica-lag-high" fires only after 86400 s of breach (1 x 86400 s); it must fire within 900 s.`,
            `Alarm "replica-lag-high" fires when AuroraReplicaLag > 86400001, which it never reaches in time (at most 60000 for this metric).`,
        ]);
    });

    it("reports less than zero on a non-negative metric", async () => {
        const memory = named(auroraStack(), "freeable-memory-low");
        const violations = await resourceViolations(alarmCanFire(), edited(memory, { comparisonOperator: "LessThanThreshold", threshold: 0 }));
        assert.deepEqual(violations, [`Alarm "freeable-memory-low" fires when FreeableMemory < 0, which a non-negative metric never is.`]);
    });

    it("takes its bounds from the policy config", async () => {
        assert.deepEqual(await resourceViolations(alarmCanFire(), edited(alarm, { threshold: 99 }), { maxGreaterThanThresholds: { CPUUtilization: 99 } }), []);
    });
});

describe("alarm-topic-has-subscriber", () => {
    const PROD = { stack: "prod", environment: "production" };

    it("passes a production topic with a subscription", async () => {
        assert.deepEqual(await stackViolations(alarmTopicHasSubscriber(PROD), auroraStack({ stack: "prod" })), []);
    });

    it("reports a production alarm topic nobody subscribes to", async () => {
        const violations = await stackViolations(alarmTopicHasSubscriber(PROD), without(auroraStack({ stack: "prod" }), "alarms-email-1"));
        assert.deepEqual(violations.map((v) => v.message), [
            `Topic "alarms" (resilience-prod-alarms) receives the database alarms but has no subscription: an alarm pages nobody. Add resilience:notifications.emails or webhookUrl.`,
        ]);
    });

    it("does not apply outside production unless configured", async () => {
        const stack = without(auroraStack(), "alarms-email-1");
        assert.deepEqual(await stackViolations(alarmTopicHasSubscriber({ stack: "staging", environment: "staging" }), stack), []);
        assert.equal((await stackViolations(alarmTopicHasSubscriber({ stack: "staging" }), stack, { requireInAllStacks: true })).length, 1);
    });
});

describe("database-required-alarms: the warm-reader count", () => {
    it("reports a cluster watched on its readers but not on its warm readers", async () => {
        const violations = await stackViolations(requiredAlarms(), without(auroraStack(), "warm-readers-low"));
        assert.deepEqual(violations.map((v) => v.message), [
            `Cluster "eu-1" (resilience-staging-eu-1) has no alarm on warm readers (the warm-up gate's count, not the reader count) (required: writerCpu, readerCpu, replicaLag, freeableMemory, connections, disk, warmReaders).`,
        ]);
    });
});
