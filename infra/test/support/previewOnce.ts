/**
 * Runs the program once under the mocks, in preview, in its own process: for cases where the program
 * ends in the SDK with an error the test must see as a user would (stderr, exit code), such as a read
 * of a resource that does not exist. Usage: previewOnce.ts <stack> [absent-id ...]
 */
import { runProgram } from "../harness";

const [stack, ...absent] = process.argv.slice(2);
runProgram(stack ?? "local", { preview: true, absent }).then(
    (run) => {
        process.stdout.write(`ok ${run.resources.length} resources\n`);
    },
    (error: unknown) => {
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
        process.exitCode = 1;
    },
);
