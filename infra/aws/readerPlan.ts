/**
 * Where each Aurora instance goes and which promotion tier it gets. Pure, so the rules that the
 * post-mortems paid for are tested without a cloud: readers spread over the zones, and exactly one
 * tier-0 reader of the writer's class (cluster cache management keeps that one reader's cache warm
 * for failover; two tier-0 readers silently turn it off).
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
    const writer: WriterPlan = {
        identifier: checkedIdentifier(`${clusterIdentifier}-writer`),
        availabilityZone: zones[0] as string,
        instanceClass: writerClass,
    };
    // Readers start in the second zone, so the failover target never shares the writer's zone.
    let next = 1;
    const draft = groups.flatMap((group) =>
        Array.from({ length: group.size.desired }, (_, i) => ({
            group: group.name,
            ordinal: i + 1,
            identifier: checkedIdentifier(`${clusterIdentifier}-${group.name}-${i + 1}`),
            availabilityZone: zones[next++ % zones.length] as string,
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

function checkedIdentifier(identifier: string): string {
    if (identifier.length > MAX_RDS_IDENTIFIER_LENGTH) {
        throw new Error(
            `RDS identifier ${identifier} is ${identifier.length} characters, over ${MAX_RDS_IDENTIFIER_LENGTH}: shorten the stack, cell or group name`,
        );
    }
    return identifier;
}
