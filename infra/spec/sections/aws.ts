import { AWS_DEFAULTS } from "../defaults";
import { fail } from "../errors";
import type { AwsSpec, Platform } from "../model";
import { Fields, startsWith } from "../read";
import type { Rule } from "../read";

const PATH = "resilience:aws";
const FIELDS = ["vpcId", "subnetIds", "availabilityZones", "allowedSecurityGroupIds", "performanceInsightsRetentionDays"] as const;

/** 7 days (free tier), or whole months of 31 days up to 731. */
const insightsRetention: Rule<number> = (v) =>
    v === 7 || (v % 31 === 0 && v >= 31 && v <= 731) ? undefined : `must be 7 or a multiple of 31 up to 731, got ${v}`;

export function readAws(raw: unknown, platform: Platform): AwsSpec | null {
    const required = platform === "aws";
    if (raw === undefined || raw === null) {
        return required ? fail(PATH, "is required on platform aws (vpcId, subnetIds, availabilityZones)") : null;
    }
    const f = Fields.of(PATH, raw, FIELDS);
    const requiredOnAws = (name: string): void => {
        if (required && (f.value(name) === undefined || f.value(name) === null)) {
            fail(f.at(name), "is required on platform aws");
        }
    };
    requiredOnAws("vpcId");
    const vpcId = f.nullableString("vpcId", startsWith("vpc-"));
    requiredOnAws("subnetIds");
    const subnetIds = f.stringList("subnetIds", [], { minItems: 2, rules: [startsWith("subnet-")] });
    requiredOnAws("availabilityZones");
    const availabilityZones = f.stringList("availabilityZones", [], { minItems: 2, unique: true });
    return {
        vpcId,
        subnetIds,
        availabilityZones,
        allowedSecurityGroupIds: f.stringList("allowedSecurityGroupIds", [], { rules: [startsWith("sg-")] }),
        performanceInsightsRetentionDays: f.integer(
            "performanceInsightsRetentionDays",
            AWS_DEFAULTS.performanceInsightsRetentionDays,
            insightsRetention,
        ),
    };
}
