import { AWS_DEFAULTS } from "../defaults";
import { fail } from "../errors";
import type { AwsSpec, Platform } from "../model";
import { Fields, availabilityZone, awsId, isAbsent } from "../read";
import type { Rule } from "../read";

const PATH = "resilience:aws";

/** 7 days (free tier), or whole months of 31 days up to 731. */
const insightsRetention: Rule<number> = (v) =>
    v === 7 || (v % 31 === 0 && v >= 31 && v <= 731) ? undefined : `must be 7 or a multiple of 31 up to 731, got ${v}`;

/**
 * Required on platform aws. When given on another platform it is read with the same rules
 * (vpcId, subnets and zones required), as the C# reader does.
 */
export function readAws(raw: unknown, platform: Platform): AwsSpec | null {
    if (isAbsent(raw)) {
        return platform === "aws" ? fail(PATH, "is required on platform aws (vpcId, subnetIds, availabilityZones)") : null;
    }
    const f = Fields.of(PATH, raw);
    const required = (name: string): void => {
        if (isAbsent(f.value(name))) {
            fail(f.at(name), "is required");
        }
    };
    required("vpcId");
    const vpcId = f.requiredString("vpcId", awsId("vpc-"));
    required("subnetIds");
    const subnetIds = f.stringList("subnetIds", [], { minItems: 2, rules: [awsId("subnet-")] });
    required("availabilityZones");
    const aws: AwsSpec = {
        vpcId,
        subnetIds,
        availabilityZones: f.stringList("availabilityZones", [], { minItems: 2, unique: true, rules: [availabilityZone] }),
        allowedSecurityGroupIds: f.stringList("allowedSecurityGroupIds", [], { rules: [awsId("sg-")] }),
        performanceInsightsRetentionDays: f.integer(
            "performanceInsightsRetentionDays",
            AWS_DEFAULTS.performanceInsightsRetentionDays,
            insightsRetention,
        ),
    };
    f.end();
    return aws;
}
