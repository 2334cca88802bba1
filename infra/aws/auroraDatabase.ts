/**
 * The primary: an Aurora PostgreSQL cluster and its writer instance, with what the post-mortems
 * lacked declared up front (encryption, backups, deletion protection, a final snapshot in
 * production, cluster cache management so a failover lands on a warm cache).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsSpec, CellSpec, DatabaseSpec } from "../config";
import { AURORA_ENGINE, POSTGRES_PORT } from "./constants";
import type { WriterPlan } from "./readerPlan";

export interface AuroraDatabaseArgs {
    /** The cluster's RDS identifier, e.g. `prod-eu-1`; instances and endpoints are named after it. */
    readonly clusterIdentifier: string;
    /** `resilience:database`: engine, class, backups, protection, KMS key. */
    readonly database: DatabaseSpec;
    /** The cell this cluster serves: its database name. */
    readonly cell: CellSpec;
    /** `resilience:aws`: the VPC, subnets and security groups the cluster lives in (never created here). */
    readonly network: AwsSpec;
    /** Where the writer instance goes. */
    readonly writer: WriterPlan;
    /** Production keeps a final snapshot when the cluster is deleted. */
    readonly production: boolean;
    /**
     * Makes the final snapshot's name unique to this cluster's life (the time the program first
     * created it, kept by ignoreChanges): a replacement or a recreated cluster never collides with the
     * snapshot an earlier deletion left.
     */
    readonly createdAt: Date;
    /** Tags for every resource. */
    readonly tags: Record<string, string>;
}

export class AuroraDatabase extends pulumi.ComponentResource {
    readonly cluster: aws.rds.Cluster;
    readonly writer: aws.rds.ClusterInstance;
    readonly parameterGroup: aws.rds.ClusterParameterGroup;
    readonly securityGroup: aws.ec2.SecurityGroup;

    constructor(name: string, args: AuroraDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
        super("resilience:aws:AuroraDatabase", name, {}, opts);
        const { clusterIdentifier: id, database, network, tags } = args;
        const major = database.engineVersion.split(".")[0];

        const subnetGroup = new aws.rds.SubnetGroup(
            `${name}-subnets`,
            { name: id, description: `Subnets of ${id} across ${[...network.availabilityZones].sort().join(", ")}`, subnetIds: [...network.subnetIds], tags },
            { parent: this },
        );

        this.securityGroup = new aws.ec2.SecurityGroup(
            `${name}-db`,
            { name: `${id}-db`, description: `PostgreSQL access to ${id}`, vpcId: network.vpcId, tags },
            { parent: this },
        );
        network.allowedSecurityGroupIds.forEach((source, i) => {
            new aws.vpc.SecurityGroupIngressRule(
                `${name}-from-${i + 1}`,
                {
                    securityGroupId: this.securityGroup.id,
                    referencedSecurityGroupId: source,
                    ipProtocol: "tcp",
                    fromPort: POSTGRES_PORT,
                    toPort: POSTGRES_PORT,
                    description: `PostgreSQL from ${source}`,
                    tags,
                },
                { parent: this },
            );
        });

        this.parameterGroup = new aws.rds.ClusterParameterGroup(
            `${name}-params`,
            {
                name: `${id}-cluster`,
                family: `${AURORA_ENGINE}${major}`,
                description: `${id}: cluster cache management, TLS only`,
                parameters: [
                    // Keeps the tier-0 reader's buffer cache in step with the writer's: a failover
                    // lands on a warm cache instead of hours of cold reads.
                    { name: "apg_ccm_enabled", value: "1", applyMethod: "pending-reboot" },
                    { name: "rds.force_ssl", value: "1", applyMethod: "pending-reboot" },
                ],
                tags,
            },
            { parent: this },
        );

        const kmsKeyId = database.kmsKeyId ?? undefined;
        this.cluster = new aws.rds.Cluster(
            `${name}-cluster`,
            {
                clusterIdentifier: id,
                engine: AURORA_ENGINE,
                engineMode: "provisioned",
                engineVersion: database.engineVersion,
                allowMajorVersionUpgrade: database.allowMajorVersionUpgrade,
                databaseName: args.cell.database,
                masterUsername: database.masterUsername,
                // AWS generates and rotates the password in Secrets Manager; it never enters config or state.
                manageMasterUserPassword: true,
                masterUserSecretKmsKeyId: kmsKeyId,
                storageEncrypted: true,
                kmsKeyId,
                iamDatabaseAuthenticationEnabled: true,
                // At cluster level too: readers that Aurora Auto Scaling adds get Performance Insights only from here
                // (Aurora user guide, Aurora.Integrating.AutoScaling); declared readers also set it per instance.
                performanceInsightsEnabled: true,
                performanceInsightsRetentionPeriod: network.performanceInsightsRetentionDays,
                performanceInsightsKmsKeyId: kmsKeyId,
                backupRetentionPeriod: database.backupRetentionDays,
                copyTagsToSnapshot: true,
                deletionProtection: database.deletionProtection,
                skipFinalSnapshot: !args.production,
                finalSnapshotIdentifier: args.production ? finalSnapshotIdentifier(id, args.createdAt) : undefined,
                // Stay on the pinned major version past the end of standard support (RDS Extended
                // Support, billed) rather than let AWS upgrade it without the game-day evidence.
                engineLifecycleSupport: ENGINE_LIFECYCLE_SUPPORT,
                preferredMaintenanceWindow: database.maintenanceWindow,
                preferredBackupWindow: database.backupWindow,
                enabledCloudwatchLogsExports: ["postgresql"],
                dbClusterParameterGroupName: this.parameterGroup.name,
                dbSubnetGroupName: subnetGroup.name,
                vpcSecurityGroupIds: [this.securityGroup.id],
                port: POSTGRES_PORT,
                tags,
            },
            { parent: this, ignoreChanges: ["finalSnapshotIdentifier"] },
        );

        this.writer = new aws.rds.ClusterInstance(
            `${name}-writer`,
            instanceArgs(this.cluster, {
                identifier: args.writer.identifier,
                instanceClass: args.writer.instanceClass,
                availabilityZone: args.writer.availabilityZone,
                promotionTier: 0,
                performanceInsightsRetentionDays: network.performanceInsightsRetentionDays,
                maintenanceWindow: database.maintenanceWindow,
                kmsKeyId,
                tags: { ...tags, "resilience:role": "writer" },
            }),
            { parent: this, ignoreChanges: PLACEMENT_PROPERTIES },
        );

        this.registerOutputs({
            clusterIdentifier: this.cluster.clusterIdentifier,
            endpoint: this.cluster.endpoint,
            readerEndpoint: this.cluster.readerEndpoint,
            writer: this.writer.identifier,
        });
    }
}

/** `open-source-rds-extended-support`: a retired version stays until the evidence-backed upgrade. */
export const ENGINE_LIFECYCLE_SUPPORT = "open-source-rds-extended-support";

/** `<cluster>-final-<yyyymmddhhmmss>` (UTC). */
export function finalSnapshotIdentifier(clusterIdentifier: string, createdAt: Date): string {
    return `${clusterIdentifier}-final-${createdAt.toISOString().replace(/[-:T]/g, "").slice(0, 14)}`;
}

/**
 * Inputs that force an Aurora instance to be replaced (the provider's ForceNew arguments of
 * aws_rds_cluster_instance). An existing member must keep every one of them for its life: its
 * identifier is fixed, so a replacement would fail on a duplicate identifier or bring a reader
 * back cold. test/stablePlacement.test.ts runs the program before and after growth and reordering
 * and fails on any change to them.
 */
export const REPLACE_FORCING_INSTANCE_INPUTS = [
    "identifier",
    "identifierPrefix",
    "clusterIdentifier",
    "engine",
    "availabilityZone",
    "dbSubnetGroupName",
    "customIamInstanceProfile",
] as const;

/**
 * Where an instance runs is decided once, at creation: a later change of the zone list (a zone
 * added or removed) places new members only and never replaces an existing one.
 */
export const PLACEMENT_PROPERTIES = ["availabilityZone"];

/** What differs between Aurora instances of one cluster. */
export interface InstanceSettings {
    readonly identifier: string;
    readonly instanceClass: string;
    readonly availabilityZone: string;
    readonly promotionTier: number;
    readonly performanceInsightsRetentionDays: number;
    /** The instance's own maintenance window: the cluster's, so it too stays clear of the game-day. */
    readonly maintenanceWindow: string;
    readonly kmsKeyId: string | undefined;
    readonly tags: Record<string, string>;
}

/** The arguments of an instance of `cluster`, the same for the writer and every reader. */
export function instanceArgs(cluster: aws.rds.Cluster, s: InstanceSettings): aws.rds.ClusterInstanceArgs {
    return {
        identifier: s.identifier,
        clusterIdentifier: cluster.clusterIdentifier,
        engine: aws.rds.EngineType.AuroraPostgresql,
        engineVersion: cluster.engineVersion,
        instanceClass: s.instanceClass,
        availabilityZone: s.availabilityZone,
        promotionTier: s.promotionTier,
        publiclyAccessible: false,
        // The engine version is pinned in config; upgrades go through the game-day evidence.
        autoMinorVersionUpgrade: false,
        performanceInsightsEnabled: true,
        performanceInsightsRetentionPeriod: s.performanceInsightsRetentionDays,
        performanceInsightsKmsKeyId: s.kmsKeyId,
        preferredMaintenanceWindow: s.maintenanceWindow,
        tags: s.tags,
    };
}
