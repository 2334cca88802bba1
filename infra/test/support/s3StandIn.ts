/**
 * A loopback S3 for tests of what talks to S3 through the real AWS CLI: s3rver (an S3-compatible
 * server, files on disk) on 127.0.0.1 in this suite's port range, with an access key made for the run:
 * a request with any other key is refused (InvalidAccessKeyId). s3rver does not verify SigV4
 * signatures, so a wrong secret is not caught here.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// s3rver ships CommonJS without types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require("s3rver") as new (options: Record<string, unknown>) => { run(): Promise<{ port: number }>; close(): Promise<void> };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DUMMY_ACCOUNT } = require("s3rver/lib/models/account") as { DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void; revokeAccessKey(id: string): void } };

/** The infra tests' loopback ports (docs: each helper suite has its own range). */
export const S3_PORTS = { first: 31600, last: 31649 } as const;

export interface S3StandIn {
    readonly endpoint: string;
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    close(): Promise<void>;
}

/** Starts the server with the given buckets on the first free port of {@link S3_PORTS}. */
export async function startS3StandIn(buckets: readonly string[]): Promise<S3StandIn> {
    const accessKeyId = `AKIA${randomBytes(8).toString("hex").toUpperCase()}`;
    const secretAccessKey = randomBytes(30).toString("base64");
    DUMMY_ACCOUNT.createKeyPair(accessKeyId, secretAccessKey);
    const directory = mkdtempSync(join(tmpdir(), "s3-standin-"));
    for (let port = S3_PORTS.first; port <= S3_PORTS.last; port++) {
        const server = new S3rver({ address: "127.0.0.1", port, silent: true, directory, configureBuckets: buckets.map((name) => ({ name })) });
        try {
            await server.run();
        } catch (error) {
            if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
                continue;
            }
            throw error;
        }
        return {
            endpoint: `http://127.0.0.1:${port}`,
            accessKeyId,
            secretAccessKey,
            close: async () => {
                await server.close();
                DUMMY_ACCOUNT.revokeAccessKey(accessKeyId);
            },
        };
    }
    throw new Error(`no free port in ${S3_PORTS.first}-${S3_PORTS.last} for the S3 stand-in`);
}
