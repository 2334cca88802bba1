// Policies on the database itself: encrypted, never public, hard to delete in production, restorable.
import * as aws from "@pulumi/aws";
import { ResourceValidationPolicy, validateResourceOfType } from "@pulumi/policy";

import { stackOfUrn } from "./resources";
import { schemaWithDefaults, settings } from "./settings";
import { isProduction, StackContext } from "./stack-context";

/** Aurora and RDS storage must be encrypted at rest (a KMS key from config, or the AWS-managed key). */
export function storageEncrypted(): ResourceValidationPolicy {
    return {
        name: "rds-storage-encrypted",
        description: "Aurora clusters and RDS instances encrypt their storage at rest.",
        severity: "high",
        validateResource: [
            validateResourceOfType(aws.rds.Cluster, (cluster, args, reportViolation) => {
                if (cluster.storageEncrypted !== true) {
                    reportViolation(
                        `Cluster "${args.name}" must set storageEncrypted: true ` +
                        `(got ${String(cluster.storageEncrypted)}); encryption cannot be added to a cluster later without a restore.`);
                }
            }),
            validateResourceOfType(aws.rds.Instance, (instance, args, reportViolation) => {
                if (instance.storageEncrypted !== true) {
                    reportViolation(
                        `Instance "${args.name}" must set storageEncrypted: true (got ${String(instance.storageEncrypted)}).`);
                }
            }),
        ],
    };
}

/** No database endpoint may be reachable from the internet. */
export function notPubliclyAccessible(): ResourceValidationPolicy {
    const message = (kind: string, name: string) =>
        `${kind} "${name}" must not be publicly accessible: set publiclyAccessible: false and reach it through the VPC.`;
    return {
        name: "rds-not-publicly-accessible",
        description: "Database clusters and instances are not publicly accessible.",
        severity: "critical",
        validateResource: [
            validateResourceOfType(aws.rds.ClusterInstance, (instance, args, reportViolation) => {
                if (instance.publiclyAccessible === true) {
                    reportViolation(message("Cluster instance", args.name));
                }
            }),
            validateResourceOfType(aws.rds.Instance, (instance, args, reportViolation) => {
                if (instance.publiclyAccessible === true) {
                    reportViolation(message("Instance", args.name));
                }
            }),
        ],
    };
}

/** Thresholds of {@link deletionProtectionInProduction}. */
export interface DeletionProtectionSettings {
    /** Require deletion protection and a final snapshot in every stack, not only production ones. */
    requireInAllStacks: boolean;
}

const deletionProtectionDefaults: DeletionProtectionSettings = { requireInAllStacks: false };

/**
 * A production cluster cannot be deleted by a stray `pulumi destroy` or a replacement, and if it is
 * deleted on purpose, a final snapshot keeps its data.
 */
export function deletionProtectionInProduction(context: StackContext = {}): ResourceValidationPolicy {
    return {
        name: "rds-deletion-protection-in-production",
        description: "Production Aurora clusters have deletion protection and take a final snapshot when deleted.",
        severity: "high",
        configSchema: schemaWithDefaults(deletionProtectionDefaults, {
            requireInAllStacks: {
                type: "boolean",
                description: "Require deletion protection and a final snapshot in every stack, not only production ones.",
            },
        }),
        validateResource: validateResourceOfType(aws.rds.Cluster, (cluster, args, reportViolation) => {
            const { requireInAllStacks } = settings(args, deletionProtectionDefaults);
            const stack = stackOfUrn(args.urn);
            if (!requireInAllStacks && !isProduction(context)) {
                args.notApplicable(`stack "${stack}" is not a production stack`);
            }
            if (cluster.deletionProtection !== true) {
                reportViolation(
                    `Cluster "${args.name}" in stack "${stack}" must set deletionProtection: true ` +
                    `(got ${String(cluster.deletionProtection)}).`);
            }
            if (cluster.skipFinalSnapshot === true) {
                reportViolation(
                    `Cluster "${args.name}" in stack "${stack}" must take a final snapshot: ` +
                    `set skipFinalSnapshot: false and a finalSnapshotIdentifier.`);
            } else if (!cluster.finalSnapshotIdentifier) {
                reportViolation(
                    `Cluster "${args.name}" in stack "${stack}" must name its final snapshot (finalSnapshotIdentifier); ` +
                    `without it AWS refuses to delete the cluster, and a replacement stalls halfway.`);
            }
        }),
    };
}

/** Thresholds of {@link backupRetention}. */
export interface BackupRetentionSettings {
    /** The fewest days of automated backups a cluster may keep. */
    minBackupRetentionDays: number;
}

const backupRetentionDefaults: BackupRetentionSettings = { minBackupRetentionDays: 7 };

/** Automated backups reach back far enough to restore from a mistake found days later. */
export function backupRetention(): ResourceValidationPolicy {
    return {
        name: "rds-backup-retention",
        description: "Aurora clusters and RDS instances keep automated backups for at least the configured number of days.",
        severity: "high",
        configSchema: schemaWithDefaults(backupRetentionDefaults, {
            minBackupRetentionDays: {
                type: "integer",
                minimum: 1,
                maximum: 35,
                description: "The fewest days of automated backups a cluster may keep (AWS allows 1 to 35).",
            },
        }),
        validateResource: [
            validateResourceOfType(aws.rds.Cluster, (cluster, args, reportViolation) => {
                const { minBackupRetentionDays } = settings(args, backupRetentionDefaults);
                // AWS keeps 1 day when the property is absent.
                const days = cluster.backupRetentionPeriod ?? 1;
                if (days < minBackupRetentionDays) {
                    reportViolation(
                        `Cluster "${args.name}" keeps backups for ${days} day(s); ` +
                        `backupRetentionPeriod must be at least ${minBackupRetentionDays}.`);
                }
            }),
            validateResourceOfType(aws.rds.Instance, (instance, args, reportViolation) => {
                const { minBackupRetentionDays } = settings(args, backupRetentionDefaults);
                const days = instance.backupRetentionPeriod ?? 1;
                if (days < minBackupRetentionDays) {
                    reportViolation(
                        `Instance "${args.name}" keeps backups for ${days} day(s); ` +
                        `backupRetentionPeriod must be at least ${minBackupRetentionDays}.`);
                }
            }),
        ],
    };
}

/** Every database policy, in the order they appear in the pack. */
export function databasePolicies(context: StackContext = {}): ResourceValidationPolicy[] {
    return [storageEncrypted(), notPubliclyAccessible(), deletionProtectionInProduction(context), backupRetention()];
}
