import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { readerCountAndSpread, singleTier0FailoverTarget, warmReaderEndpoint } from "../replicas";
import { ResourceType } from "../resources";
import { auroraStack, withProps, without } from "./fixtures";
import { stackViolations, TestResource, unknown, urnOf } from "./validation-args";

const clusterUrn = (stack: string) => urnOf(ResourceType.rdsCluster, "eu-1", stack);
const PROD = { stack: "prod", environment: "production" };

describe("aurora-readers-spread", () => {
    it("passes three readers over three zones in prod", async () => {
        assert.deepEqual(await stackViolations(readerCountAndSpread(PROD), auroraStack({ stack: "prod" })), []);
    });

    it("passes readers over two zones in staging", async () => {
        const stack = auroraStack({ stack: "staging", zones: ["eu-central-1a", "eu-central-1b"] });
        assert.deepEqual(await stackViolations(readerCountAndSpread(), stack), []);
    });

    it("reports prod readers over two zones", async () => {
        const stack = auroraStack({ stack: "prod", zones: ["eu-central-1a", "eu-central-1b"] });
        assert.deepEqual(await stackViolations(readerCountAndSpread(PROD), stack), [{
            message: `Readers of cluster "eu-1" (resilience-prod-eu-1) cover 2 availability zone(s) (eu-central-1a, eu-central-1b); stack "prod" requires at least 3.`,
            urn: clusterUrn("prod"),
        }]);
    });

    it("reports too few readers", async () => {
        const stack = auroraStack({ stack: "staging", extraReaders: 0 });
        assert.deepEqual(await stackViolations(readerCountAndSpread(), stack), [{
            message: `Cluster "eu-1" (resilience-staging-eu-1) has 1 reader(s); it needs at least 2, so losing one still leaves a failover target and read capacity.`,
            urn: clusterUrn("staging"),
        }, {
            message: `Readers of cluster "eu-1" (resilience-staging-eu-1) cover 1 availability zone(s) (eu-central-1b); stack "staging" requires at least 2.`,
            urn: clusterUrn("staging"),
        }]);
    });

    it("reports a reader that does not pin its zone", async () => {
        const stack = withProps(auroraStack({ stack: "staging" }), "eu-1-readers-0", { availabilityZone: undefined });
        const violations = await stackViolations(readerCountAndSpread(), stack);
        assert.deepEqual(violations.map((v) => v.message), [
            `Reader "eu-1-readers-0" of cluster "eu-1" (resilience-staging-eu-1) does not set availabilityZone; AWS may place every reader in one zone.`,
        ]);
    });

    it("uses the configured minimum of readers", async () => {
        const violations = await stackViolations(readerCountAndSpread(), auroraStack({ stack: "staging" }), { minReaders: 4 });
        assert.equal(violations.length, 1);
        assert.match(violations[0].message, /has 3 reader\(s\); it needs at least 4/);
    });

    it("finds the cluster's instances through property dependencies when identifiers are unknown", async () => {
        const stack = auroraStack({ stack: "prod", zones: ["eu-central-1a", "eu-central-1b"] }).map((resource): TestResource =>
            resource.type === ResourceType.rdsClusterInstance
                ? { ...resource, props: { ...resource.props, clusterIdentifier: unknown }, propertyDependencies: { clusterIdentifier: ["eu-1"] } }
                : resource);
        const violations = await stackViolations(readerCountAndSpread(PROD), stack);
        assert.equal(violations.length, 1);
        assert.match(violations[0].message, /cover 2 availability zone\(s\)/);
    });
});

describe("aurora-single-tier0-failover-target", () => {
    it("passes one tier-0 reader of the writer's class", async () => {
        assert.deepEqual(await stackViolations(singleTier0FailoverTarget(), auroraStack()), []);
    });

    it("reports two tier-0 readers", async () => {
        const stack = withProps(auroraStack(), "eu-1-readers-1", { promotionTier: 0 });
        assert.deepEqual((await stackViolations(singleTier0FailoverTarget(), stack)).map((v) => v.message), [
            `Cluster "eu-1" (resilience-staging-eu-1) has 2 tier-0 readers (eu-1-failover-0, eu-1-readers-1); cluster cache management prepares only one. Keep one at tier 0 and move the others to tier 1 or higher.`,
        ]);
    });

    it("counts a reader without a promotion tier as tier 0 (the provider's default)", async () => {
        const stack = withProps(auroraStack(), "eu-1-readers-0", { promotionTier: undefined });
        const violations = await stackViolations(singleTier0FailoverTarget(), stack);
        assert.match(violations[0].message, /has 2 tier-0 readers \(eu-1-failover-0, eu-1-readers-0\)/);
    });

    it("reports no tier-0 reader", async () => {
        const stack = withProps(auroraStack(), "eu-1-failover-0", { promotionTier: 1 });
        assert.deepEqual((await stackViolations(singleTier0FailoverTarget(), stack)).map((v) => v.message), [
            `Cluster "eu-1" (resilience-staging-eu-1) turns on cluster cache management but no reader has promotionTier 0: a failover would land on a cold cache. Give exactly one reader, of the writer's class, tier 0.`,
        ]);
    });

    it("reports a tier-0 reader of another class than the writer", async () => {
        const stack = withProps(auroraStack(), "eu-1-failover-0", { instanceClass: "db.r6g.xlarge" });
        assert.deepEqual(await stackViolations(singleTier0FailoverTarget(), stack), [{
            message: `Tier-0 reader "eu-1-failover-0" of cluster "eu-1" (resilience-staging-eu-1) is db.r6g.xlarge but the writer "eu-1-writer" is db.r6g.large; cluster cache management needs the failover target to have the writer's instance class.`,
            urn: urnOf(ResourceType.rdsClusterInstance, "eu-1-failover-0"),
        }]);
    });

    it("finds the writer by name when it has no role tag", async () => {
        const stack = withProps(auroraStack(), "eu-1-writer", { tags: undefined });
        assert.deepEqual(await stackViolations(singleTier0FailoverTarget(), stack), []);
    });

    it("does not apply when cluster cache management is off", async () => {
        const stack = withProps(withProps(auroraStack(), "eu-1-params", { parameters: [] }), "eu-1-readers-1", { promotionTier: 0 });
        assert.deepEqual(await stackViolations(singleTier0FailoverTarget(), stack), []);
    });
});

describe("aurora-warm-reader-endpoint", () => {
    it("passes a READER endpoint that ignores its static members", async () => {
        assert.deepEqual(await stackViolations(warmReaderEndpoint(), auroraStack()), []);
    });

    it("reports a cluster with readers and no custom endpoint", async () => {
        const stack = without(auroraStack(), "eu-1-warm-readers");
        assert.deepEqual(await stackViolations(warmReaderEndpoint(), stack), [{
            message: `Cluster "eu-1" (resilience-staging-eu-1) has 3 reader(s) but no custom READER endpoint: reads would reach readers that are still warming up. Declare a warm-reader endpoint.`,
            urn: clusterUrn("staging"),
        }]);
    });

    it("does not count an ANY endpoint as a warm-reader endpoint", async () => {
        const stack = withProps(auroraStack(), "eu-1-warm-readers", { customEndpointType: "ANY" });
        const violations = await stackViolations(warmReaderEndpoint(), stack);
        assert.match(violations[0].message, /no custom READER endpoint/);
    });

    it("reports an endpoint that would fight the warm-up gate", async () => {
        const stack = auroraStack().map((resource) =>
            resource.name === "eu-1-warm-readers" ? { ...resource, ignoreChanges: [] } : resource);
        assert.deepEqual((await stackViolations(warmReaderEndpoint(), stack)).map((v) => v.message), [
            `Warm-reader endpoint "eu-1-warm-readers" of cluster "eu-1" (resilience-staging-eu-1) must ignore changes to staticMembers (ignoreChanges: ["staticMembers"]); otherwise every \`pulumi up\` resets the members the warm-up gate chose.`,
        ]);
    });

    it("accepts an endpoint without ignoreChanges when configured so", async () => {
        const stack = auroraStack().map((resource) =>
            resource.name === "eu-1-warm-readers" ? { ...resource, ignoreChanges: [] } : resource);
        assert.deepEqual(await stackViolations(warmReaderEndpoint(), stack, { requireIgnoreStaticMembers: false }), []);
    });

    it("does not require an endpoint of a cluster without readers", async () => {
        const stack = without(auroraStack({ extraReaders: 0 }), "eu-1-warm-readers", "eu-1-failover-0");
        assert.deepEqual(await stackViolations(warmReaderEndpoint(), stack), []);
    });
});
