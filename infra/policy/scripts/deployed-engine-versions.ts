// Writes the policy pack config that tells the engine-version policy which engine version each
// database cluster runs now, read from `pulumi stack export` (the stack's last deployed state):
//
//   pulumi stack export --stack prod | node --import tsx policy/scripts/deployed-engine-versions.ts > policy-config.json
//   pulumi preview --stack prod --policy-pack policy --policy-pack-config policy-config.json
//
// With `--base <file>` the entry is merged into an existing policy config. See docs/policy.md.
import * as fs from "node:fs";

import { deployedEngineVersions, policyConfigWithDeployedVersions } from "../deployed-versions";

function main(argv: string[]): number {
    const baseIndex = argv.indexOf("--base");
    const basePath = baseIndex >= 0 ? argv[baseIndex + 1] : undefined;
    if (baseIndex >= 0 && !basePath) {
        process.stderr.write("deployed-engine-versions: --base needs a file path\n");
        return 2;
    }
    const input = fs.readFileSync(0, "utf8");
    let exported: unknown;
    try {
        exported = input.trim() === "" ? {} : JSON.parse(input);
    } catch {
        process.stderr.write("deployed-engine-versions: stdin is not JSON; pipe `pulumi stack export` into it\n");
        return 2;
    }
    let base: Record<string, unknown> = {};
    if (basePath) {
        try {
            base = JSON.parse(fs.readFileSync(basePath, "utf8"));
        } catch (error) {
            process.stderr.write(`deployed-engine-versions: cannot read ${basePath}: ${(error as Error).message}\n`);
            return 2;
        }
    }
    const config = policyConfigWithDeployedVersions(base, deployedEngineVersions(exported));
    process.stdout.write(`${JSON.stringify(config, null, 2)}\n`);
    return 0;
}

process.exitCode = main(process.argv.slice(2));
