/**
 * Where the scheduled game-day keeps its reports on AWS: an S3 bucket that is private (public access
 * blocked, ACLs off, TLS only), encrypted with its own KMS key (which also encrypts the task's logs),
 * versioned, and expires old reports; the runner role may read and write only under its stack's
 * prefix. Earlier reports are read back before each run, so a run is judged against its history.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface GamedayReportsArgs {
    readonly stack: string;
    /** The role the game-day task runs as; it gets read/write on `<stack>/` and nothing else of the bucket. */
    readonly runnerRole: aws.iam.Role;
    readonly tags: Record<string, string>;
}

/**
 * Reports are kept 400 days: a year of weekly game-days for `chaos history`'s trend, plus a month.
 * Overwritten or deleted versions go after 30 days.
 */
export const REPORT_RETENTION_DAYS = 400;
export const NONCURRENT_REPORT_RETENTION_DAYS = 30;

export class GamedayReports extends pulumi.ComponentResource {
    readonly key: aws.kms.Key;
    readonly bucket: aws.s3.Bucket;

    constructor(name: string, args: GamedayReportsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("resilience:aws:GamedayReports", name, {}, opts);
        const parent = { parent: this };
        const { stack, tags } = args;
        const caller = aws.getCallerIdentityOutput({}, parent);
        const region = aws.getRegionOutput({}, parent);
        const partition = aws.getPartitionOutput({}, parent);

        this.key = new aws.kms.Key(
            `${name}-key`,
            {
                description: `resilience ${stack}: encrypts the game-day's reports and logs`,
                enableKeyRotation: true,
                deletionWindowInDays: 30,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        // IAM policies of the account decide who else uses the key (the runner role, below).
                        { Sid: "Account", Effect: "Allow", Principal: { AWS: pulumi.interpolate`arn:${partition.partition}:iam::${caller.accountId}:root` }, Action: "kms:*", Resource: "*" },
                        {
                            Sid: "CloudWatchLogsOfTheGameday",
                            Effect: "Allow",
                            Principal: { Service: pulumi.interpolate`logs.${region.region}.amazonaws.com` },
                            Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
                            Resource: "*",
                            Condition: {
                                ArnEquals: {
                                    "kms:EncryptionContext:aws:logs:arn": pulumi.interpolate`arn:${partition.partition}:logs:${region.region}:${caller.accountId}:log-group:/resilience/${stack}/gameday`,
                                },
                            },
                        },
                    ],
                }),
                tags,
            },
            parent,
        );

        this.bucket = new aws.s3.Bucket(`${name}-bucket`, { bucketPrefix: `${stack}-gameday-reports-`, forceDestroy: false, tags }, parent);
        const bucket = this.bucket.id;
        new aws.s3.BucketOwnershipControls(`${name}-ownership`, { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } }, parent);
        new aws.s3.BucketPublicAccessBlock(
            `${name}-private`,
            { bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
            parent,
        );
        new aws.s3.BucketVersioning(`${name}-versioning`, { bucket, versioningConfiguration: { status: "Enabled" } }, parent);
        new aws.s3.BucketServerSideEncryptionConfiguration(
            `${name}-encryption`,
            { bucket, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: this.key.arn }, bucketKeyEnabled: true }] },
            parent,
        );
        new aws.s3.BucketLifecycleConfiguration(
            `${name}-lifecycle`,
            {
                bucket,
                rules: [
                    {
                        id: "expire-old-reports",
                        status: "Enabled",
                        filter: {},
                        expiration: { days: REPORT_RETENTION_DAYS },
                        noncurrentVersionExpiration: { noncurrentDays: NONCURRENT_REPORT_RETENTION_DAYS },
                        abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
                    },
                ],
            },
            parent,
        );
        new aws.s3.BucketPolicy(
            `${name}-tls-only`,
            {
                bucket,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "DenyPlainHttp",
                            Effect: "Deny",
                            Principal: "*",
                            Action: "s3:*",
                            Resource: [this.bucket.arn, pulumi.interpolate`${this.bucket.arn}/*`],
                            Condition: { Bool: { "aws:SecureTransport": "false" } },
                        },
                    ],
                }),
            },
            parent,
        );

        new aws.iam.RolePolicy(
            `${name}-runner-access`,
            {
                role: args.runnerRole.name,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "ListOwnPrefix",
                            Effect: "Allow",
                            Action: ["s3:ListBucket"],
                            Resource: [this.bucket.arn],
                            Condition: { StringLike: { "s3:prefix": [`${stack}/`, `${stack}/*`] } },
                        },
                        { Sid: "ReadWriteOwnPrefix", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: [pulumi.interpolate`${this.bucket.arn}/${stack}/*`] },
                        {
                            Sid: "UseTheKeyThroughS3Only",
                            Effect: "Allow",
                            Action: ["kms:GenerateDataKey", "kms:Decrypt"],
                            Resource: [this.key.arn],
                            Condition: { StringEquals: { "kms:ViaService": pulumi.interpolate`s3.${region.region}.amazonaws.com` } },
                        },
                    ],
                }),
            },
            parent,
        );
        this.registerOutputs({ bucket: this.bucket.bucket, keyArn: this.key.arn });
    }
}
