/**
 * Where each Aurora instance goes and which promotion tier it gets. Pure, so the rules that the
 * post-mortems paid for are tested without a cloud: readers spread over the zones, and exactly one
 * tier-0 reader of the writer's class (cluster cache management keeps that one reader's cache warm
 * for failover; two tier-0 readers silently turn it off).
 *
 * `availabilityZone` and `identifier` force an Aurora instance to be replaced, and identifiers are
 * fixed, so a member's zone must never depend on anything but the member itself: zones are taken
 * in sorted order (reordering `availabilityZones` moves nobody) and each group places its own
 * members from its ordinal alone (growing, shrinking, adding or removing another group moves
 * nobody). Adding or removing a zone would change the placement of existing members; the
 * instances ignore later changes to `availabilityZone` (replicaGroup.ts), so such a change only
 * places new members.
 */
import { MAX_RDS_IDENTIFIER_LENGTH } from "./constants";
import type { ReplicaGroupSpec } from "../config";

export interface WriterPlan {
    readonly identifier: string;
    readonly availabilityZone: string;
    readonly instanceClass: string;
}

export interface MemberPlan {
    readonly group: string;
    /** 1-based position in its group. */
    readonly ordinal: number;
    readonly identifier: string;
    readonly availabilityZone: string;
    readonly instanceClass: string;
    readonly promotionTier: number;
    /** The cluster cache management failover target. */
    readonly failoverTarget: boolean;
}

export interface ReaderPlan {
    readonly writer: WriterPlan;
    readonly members: readonly MemberPlan[];
    /** Why a member's tier differs from its group's configured one, for a warning. */
    readonly adjustments: readonly string[];
}

export function planReaders(
    clusterIdentifier: string,
    writerClass: string,
    groups: readonly ReplicaGroupSpec[],
    zones: readonly string[],
): ReaderPlan {
    if (zones.length === 0) {
        throw new Error("planReaders needs at least one availability zone");
    }
    const sorted = [...zones].sort();
    const writer: WriterPlan = {
        identifier: checkedIdentifier(`${clusterIdentifier}-writer`),
        availabilityZone: sorted[0] as string,
        instanceClass: writerClass,
    };
    const draft = groups.flatMap((group) =>
        Array.from({ length: group.size.desired }, (_, i) => ({
            group: group.name,
            ordinal: i + 1,
            identifier: checkedIdentifier(`${clusterIdentifier}-${group.name}-${i + 1}`),
            availabilityZone: memberZone(sorted, i + 1),
            instanceClass: group.instanceClass,
            configuredTier: group.promotionTier,
        })),
    );
    const target =
        draft.find((m) => m.configuredTier === 0 && m.instanceClass === writerClass) ??
        draft.find((m) => m.instanceClass === writerClass);
    const adjustments: string[] = [];
    const members = draft.map(({ configuredTier, ...member }): MemberPlan => {
        const failoverTarget = target !== undefined && member.identifier === target.identifier;
        let promotionTier = configuredTier;
        if (failoverTarget && configuredTier !== 0) {
            promotionTier = 0;
            adjustments.push(
                `${member.identifier}: promotion tier 0 instead of ${configuredTier}, as the failover target of the writer's class ${writerClass}`,
            );
        } else if (!failoverTarget && configuredTier === 0) {
            promotionTier = 1;
            adjustments.push(`${member.identifier}: promotion tier 1 instead of 0, so that only one reader is tier 0`);
        }
        return { ...member, promotionTier, failoverTarget };
    });
    if (target === undefined && members.length > 0) {
        adjustments.push(`no reader has the writer's class ${writerClass}: cluster cache management has no failover target`);
    }
    return { writer, members, adjustments };
}

/**
 * The zone of a group's member from its 1-based ordinal alone: member 1 of every group goes to the
 * second sorted zone (never the writer's, so a group's first member, the usual failover target, is
 * in another zone than the writer), then round-robin.
 */
export function memberZone(sortedZones: readonly string[], ordinal: number): string {
    return sortedZones[ordinal % sortedZones.length] as string;
}

function checkedIdentifier(identifier: string): string {
    if (identifier.length > MAX_RDS_IDENTIFIER_LENGTH) {
        throw new Error(
            `RDS identifier ${identifier} is ${identifier.length} characters, over ${MAX_RDS_IDENTIFIER_LENGTH}: shorten the stack, cell or group name`,
        );
    }
    return identifier;
}
