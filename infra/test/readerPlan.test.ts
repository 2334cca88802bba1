import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readerCapacity } from "../aws/auroraCell";
import { planReaders } from "../aws/readerPlan";
import type { StackSpec } from "../config";
import { group } from "./groups";

const ZONES = ["a", "b", "c"];
const WRITER = "db.r6g.large";

describe("planReaders", () => {
    it("puts the writer in the first zone and readers round-robin from the second", () => {
        const plan = planReaders("c1", WRITER, [group("r", { size: { min: 1, desired: 4, max: 4 } })], ZONES);
        assert.equal(plan.writer.identifier, "c1-writer");
        assert.equal(plan.writer.availabilityZone, "a");
        assert.deepEqual(
            plan.members.map((m) => [m.identifier, m.availabilityZone]),
            [
                ["c1-r-1", "b"],
                ["c1-r-2", "c"],
                ["c1-r-3", "a"],
                ["c1-r-4", "b"],
            ],
        );
    });

    it("keeps one configured tier-0 reader of the writer's class and moves other tier-0 readers to tier 1", () => {
        const plan = planReaders("c1", WRITER, [group("r", { promotionTier: 0 })], ZONES);
        assert.deepEqual(
            plan.members.map((m) => [m.promotionTier, m.failoverTarget]),
            [
                [0, true],
                [1, false],
            ],
        );
        assert.equal(plan.adjustments.length, 1);
    });

    it("prefers a tier-0 group of the writer's class over a tier-0 group of another class", () => {
        const plan = planReaders(
            "c1",
            WRITER,
            [group("big", { promotionTier: 0, instanceClass: "db.r6g.4xlarge", size: { min: 1, desired: 1, max: 1 } }), group("same", { promotionTier: 0 })],
            ZONES,
        );
        const tier0 = plan.members.filter((m) => m.promotionTier === 0);
        assert.deepEqual(
            tier0.map((m) => m.identifier),
            ["c1-same-1"],
        );
    });

    it("leaves configured tiers alone when one tier-0 reader of the writer's class is configured", () => {
        const plan = planReaders(
            "c1",
            WRITER,
            [group("failover", { promotionTier: 0, size: { min: 1, desired: 1, max: 1 } }), group("readers", { promotionTier: 2, instanceClass: "db.r6g.4xlarge" })],
            ZONES,
        );
        assert.deepEqual(
            plan.members.map((m) => m.promotionTier),
            [0, 2, 2],
        );
        assert.deepEqual(plan.adjustments, []);
    });

    it("makes the first reader of the writer's class the failover target when none is tier 0, and says so", () => {
        const plan = planReaders("c1", WRITER, [group("r", { promotionTier: 3 })], ZONES);
        assert.deepEqual(
            plan.members.map((m) => m.promotionTier),
            [0, 3],
        );
        assert.match(plan.adjustments[0] ?? "", /failover target/);
    });

    it("reports a cluster with no reader of the writer's class", () => {
        const plan = planReaders("c1", WRITER, [group("r", { instanceClass: "db.r6g.xlarge" })], ZONES);
        assert.equal(plan.members.filter((m) => m.failoverTarget).length, 0);
        assert.match(plan.adjustments.join("\n"), /no reader has the writer's class/);
    });

    it("refuses identifiers longer than RDS allows", () => {
        assert.throws(() => planReaders("c".repeat(60), WRITER, [group("r")], ZONES), /over 63/);
    });
});

describe("readerCapacity", () => {
    const spec = (groups: ReturnType<typeof group>[]) => ({ replicaGroups: groups }) as unknown as StackSpec;
    const autoscaling = { targetCpuPercent: 60, sustainSeconds: 60, scaleInCooldownSeconds: 300 };

    it("floors at every declared reader and adds the autoscaled group's headroom", () => {
        const capacity = readerCapacity(
            spec([group("failover", { size: { min: 1, desired: 1, max: 1 } }), group("readers", { size: { min: 3, desired: 3, max: 9 }, autoscaling })]),
        );
        assert.deepEqual(capacity, { min: 4, max: 10 });
    });

    it("refuses two autoscaled groups on one cluster", () => {
        assert.throws(() => readerCapacity(spec([group("a", { autoscaling }), group("b", { autoscaling })])), /only one replica group may autoscale/);
    });
});
