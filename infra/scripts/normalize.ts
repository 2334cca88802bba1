/**
 * Prints the normalized spec of a stack file as JSON (what the C# reader's cross-language test
 * compares against), or one line `<file>: <keypath>: <what>` and exit code 2 when it is invalid.
 *
 *   node --import tsx scripts/normalize.ts ../Pulumi.staging.yaml
 */
import { basename } from "node:path";
import { ConfigError, normalize, readStackSpec } from "../config";
import { StackFileError, loadStackFile } from "../spec/stackFile";

const EXIT_INVALID = 2;
const EXIT_USAGE = 64;

function main(argv: readonly string[]): number {
    const path = argv[0];
    if (path === undefined || argv.length !== 1) {
        process.stderr.write("usage: node --import tsx scripts/normalize.ts <path-to-Pulumi.<stack>.yaml>\n");
        return EXIT_USAGE;
    }
    try {
        loadStackFile(path);
        const spec = readStackSpec();
        process.stdout.write(`${JSON.stringify(normalize(spec), null, 2)}\n`);
        return 0;
    } catch (error) {
        if (error instanceof ConfigError) {
            process.stderr.write(`${basename(path)}: ${error.message}\n`);
            return EXIT_INVALID;
        }
        if (error instanceof StackFileError) {
            process.stderr.write(`${error.message}\n`);
            return EXIT_INVALID;
        }
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOENT" || code === "EACCES" || code === "EISDIR") {
            process.stderr.write(`${path}: cannot read the stack file (${code}); pass the path of a Pulumi.<stack>.yaml\n`);
            return EXIT_INVALID;
        }
        throw error;
    }
}

process.exitCode = main(process.argv.slice(2));
