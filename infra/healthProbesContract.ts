/**
 * The contract between the program and the HealthProbes image's `gate` mode, read from
 * healthProbesContract.json (the one home of the names; a C# test holds them against the CLI's options).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface HealthProbesContract {
    readonly command: string;
    readonly options: {
        readonly stackFile: string;
        readonly cells: string;
        readonly stateDir: string;
        readonly listen: string;
        readonly pgUser: string;
        readonly pgDatabase: string;
        readonly iamAuth: string;
        readonly pgCaFile: string;
        readonly logLevel: string;
    };
    readonly passwordEnvironment: string;
    readonly environmentPrefix: string;
    readonly port: number;
    readonly livenessPath: string;
    readonly statusPath: string;
    /** rdsCaBundle: where the image keeps the RDS CA bundle the gate verifies Aurora's certificates against. */
    readonly image: { readonly stacksDir: string; readonly stateDir: string; readonly uid: number; readonly rdsCaBundle: string };
    /**
     * The database role the gate logs in as: on Aurora with IAM database auth (`healthprobes gate-role` creates it), on
     * CloudNativePG a managed role of the Cluster with its own Secret.
     */
    readonly probeRole: string;
    /** All the probe role is granted (besides rds_iam on Aurora): read-only. */
    readonly probeRoleGrants: readonly string[];
}

export const HEALTHPROBES: HealthProbesContract = JSON.parse(readFileSync(join(__dirname, "healthProbesContract.json"), "utf8"));

/** `healthprobes gate` for a stack's cells, listening on every interface of its task or pod (the probes come from outside). */
export function gateArguments(stack: string, extra: readonly string[]): string[] {
    const o = HEALTHPROBES.options;
    return [
        HEALTHPROBES.command,
        o.stackFile, `${HEALTHPROBES.image.stacksDir}/Pulumi.${stack}.yaml`,
        o.stateDir, HEALTHPROBES.image.stateDir,
        o.listen, `0.0.0.0:${HEALTHPROBES.port}`,
        ...extra,
    ];
}

/** `HEALTHPROBES_<OPTION>`: the environment variable the binary reads for an option absent from its command line. */
export function optionEnvironment(option: string): string {
    return HEALTHPROBES.environmentPrefix + option.replace(/^--/, "").replace(/-/g, "_").toUpperCase();
}
