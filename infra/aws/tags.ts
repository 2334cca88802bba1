import * as pulumi from "@pulumi/pulumi";

/** Tags every AWS resource of a cell carries: which stack and cell it belongs to, and who manages it. */
export function cellTags(cell: string, extra: Record<string, string> = {}): Record<string, string> {
    return {
        "resilience:stack": pulumi.getStack(),
        "resilience:cell": cell,
        "resilience:managed-by": "pulumi",
        ...extra,
    };
}
