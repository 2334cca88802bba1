/**
 * The IAM role the chaos suite's game-day runner assumes on AWS (from CI through OIDC, or from an
 * SRE's own role on a laptop): read its cells' clusters, endpoints and alarms, start and stop only its
 * cells' FIS experiment templates, and connect to the database with an IAM token. Faults go through FIS,
 * whose template roles do the one fault each (fisExperiments.ts); the one change the runner makes itself is
 * a planned switchover (rds:FailoverDBCluster with a named target, which no FIS action can name), on its own
 * cells' clusters only. It cannot reboot, modify or delete anything.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** What the runner may touch in one cell. */
export interface GamedayRunnerCell {
    /** The Aurora cluster identifier (`<stack>-<cell>`). */
    readonly clusterIdentifier: pulumi.Input<string>;
    /** The cell's FIS experiment template ids. */
    readonly fisTemplateIds: readonly pulumi.Input<string>[];
    /** The cell's CloudWatch alarm names. */
    readonly alarmNames: pulumi.Input<string[]>;
    /** DbClusterResourceId (`cluster-...`): rds-db:connect is granted on this cluster's database user only. */
    readonly clusterResourceId: pulumi.Input<string>;
}

export interface GamedayRunnerRoleArgs {
    /** Role name prefix, e.g. the stack name. */
    readonly namePrefix: string;
    /** Cells whose resources the runner may read and whose experiments it may start. */
    readonly cells: readonly GamedayRunnerCell[];
    /** The database user the workload connects as with an IAM token (the spec's masterUsername). */
    readonly databaseUser: string;
    /** Principals that may assume the role from a laptop (SRE roles); default: none but CI. */
    readonly trustedPrincipalArns?: readonly pulumi.Input<string>[];
    /** CI's OIDC identity provider and the token subject allowed (e.g. `repo:org/app:environment:staging`). */
    readonly ciOidc?: { readonly providerArn: string; readonly audience: string; readonly subject: string };
    /** The scheduled game-day's ECS task runs as this role (scheduledGameday.ts). */
    readonly ecsTasks?: boolean;
    readonly tags: Record<string, string>;
}

/** Actions that take no resource ARN (or only `*`) and only read. */
export const UNSCOPED_READ_ACTIONS = ["rds:DescribeDBClusters", "rds:DescribeDBInstances", "rds:DescribeDBClusterEndpoints", "fis:ListExperimentTemplates", "fis:ListExperiments"];

export class GamedayRunnerRole extends pulumi.ComponentResource {
    readonly role: aws.iam.Role;

    constructor(name: string, args: GamedayRunnerRoleArgs, opts?: pulumi.ComponentResourceOptions) {
        super("resilience:aws:GamedayRunnerRole", name, {}, opts);
        if (args.trustedPrincipalArns === undefined && args.ciOidc === undefined && args.ecsTasks !== true) {
            pulumi.log.warn(`${name}: nobody may assume the game-day runner role yet; set gameday:ciOidcProviderArn/ciSubject or gameday:trustedPrincipalArns`, this);
        }
        const caller = aws.getCallerIdentityOutput({}, { parent: this });
        const region = aws.getRegionOutput({}, { parent: this });
        const arn = (service: string, resource: pulumi.Input<string>) =>
            pulumi.interpolate`arn:aws:${service}:${region.region}:${caller.accountId}:${resource}`;

        const statements: pulumi.Input<Record<string, unknown>>[] = [];
        if (args.ciOidc !== undefined) {
            statements.push({
                Effect: "Allow",
                Principal: { Federated: args.ciOidc.providerArn },
                Action: "sts:AssumeRoleWithWebIdentity",
                Condition: { StringEquals: { [`${hostOf(args.ciOidc.providerArn)}:aud`]: args.ciOidc.audience, [`${hostOf(args.ciOidc.providerArn)}:sub`]: args.ciOidc.subject } },
            });
        }
        if (args.trustedPrincipalArns !== undefined && args.trustedPrincipalArns.length > 0) {
            statements.push({ Effect: "Allow", Principal: { AWS: [...args.trustedPrincipalArns] }, Action: "sts:AssumeRole" });
        }
        if (args.ecsTasks === true) {
            // The confused-deputy guard ECS documents: only tasks of this account.
            statements.push({ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": caller.accountId } } });
        }
        if (statements.length === 0) {
            // A role must trust someone; the account's own root lets no one in until an IAM policy allows it.
            statements.push({ Effect: "Allow", Principal: { AWS: pulumi.interpolate`arn:aws:iam::${caller.accountId}:root` }, Action: "sts:AssumeRole" });
        }

        this.role = new aws.iam.Role(
            `${name}-role`,
            {
                name: `${args.namePrefix}-gameday-runner`.slice(0, 64),
                description: `Chaos game-day runner for ${args.namePrefix}: read, start/stop its FIS templates, connect`,
                maxSessionDuration: 3600,
                assumeRolePolicy: pulumi.jsonStringify({ Version: "2012-10-17", Statement: statements }),
                tags: args.tags,
            },
            { parent: this },
        );

        const templateArns = args.cells.flatMap((c) => c.fisTemplateIds.map((id) => arn("fis", pulumi.interpolate`experiment-template/${id}`)));
        const alarmArns = pulumi
            .all([region.region, caller.accountId, pulumi.all(args.cells.map((c) => c.alarmNames))])
            .apply(([r, account, lists]) => lists.flat().map((n) => `arn:aws:cloudwatch:${r}:${account}:alarm:${n}`));
        const dbUsers = args.cells.map((c) => arn("rds-db", pulumi.interpolate`dbuser:${c.clusterResourceId}/${args.databaseUser}`));
        const clusterArns = args.cells.map((c) => arn("rds", pulumi.interpolate`cluster:${c.clusterIdentifier}`));

        new aws.iam.RolePolicy(
            `${name}-policy`,
            {
                role: this.role.name,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        // RDS and FIS list/describe calls with filters authorize on "*"; they only read.
                        { Sid: "ReadTopology", Effect: "Allow", Action: UNSCOPED_READ_ACTIONS, Resource: "*" },
                        { Sid: "ReadTemplates", Effect: "Allow", Action: ["fis:GetExperimentTemplate"], Resource: templateArns },
                        // Starting needs the template and the new experiment; the runner tags its experiments (run id, stack).
                        {
                            Sid: "StartOwnTemplates",
                            Effect: "Allow",
                            Action: ["fis:StartExperiment", "fis:TagResource"],
                            Resource: [...templateArns, arn("fis", "experiment/*")],
                        },
                        // Experiments exist only once started; the runner reads and stops those of its stack.
                        {
                            Sid: "WatchAndStopOwnExperiments",
                            Effect: "Allow",
                            Action: ["fis:GetExperiment", "fis:StopExperiment"],
                            Resource: arn("fis", "experiment/*"),
                            Condition: { StringEquals: { "aws:ResourceTag/resilience:stack": pulumi.getStack() } },
                        },
                        {
                            Sid: "ReadAlarms",
                            Effect: "Allow",
                            Action: ["cloudwatch:DescribeAlarms", "cloudwatch:DescribeAlarmHistory"],
                            Resource: alarmArns,
                        },
                        { Sid: "ConnectWithIamToken", Effect: "Allow", Action: ["rds-db:connect"], Resource: dbUsers },
                        // The planned switchover names its target (the warm reader of the highest tier); FIS's failover action cannot.
                        { Sid: "PlannedSwitchoverOfOwnClusters", Effect: "Allow", Action: ["rds:FailoverDBCluster"], Resource: clusterArns },
                    ],
                }),
            },
            { parent: this },
        );
        this.registerOutputs({ roleArn: this.role.arn });
    }
}

/** `arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com` -> `token.actions.githubusercontent.com`. */
function hostOf(providerArn: string): string {
    return providerArn.split("oidc-provider/")[1] ?? providerArn;
}

/** The cells' outputs the role needs (a subset of AuroraCellOutputs). */
interface CellOutputs {
    readonly clusterIdentifier: pulumi.Input<string>;
    readonly clusterResourceId: pulumi.Input<string>;
    readonly alarmNames: pulumi.Input<string[]>;
    readonly fisTemplateIds: { readonly primaryFailure: pulumi.Input<string>; readonly replicaFailure: pulumi.Input<string> };
}

/**
 * The role's arguments from the cells and the `gameday:*` config of the stack file:
 * `gameday:ciOidcProviderArn`, `gameday:ciSubject`, `gameday:ciAudience` (default `sts.amazonaws.com`)
 * and `gameday:trustedPrincipalArns` (a list of role ARNs SREs assume from their laptops).
 */
export function gamedayRunnerArgs(databaseUser: string, cells: Record<string, CellOutputs>, config: pulumi.Config, ecsTasks = false): GamedayRunnerRoleArgs {
    const providerArn = config.get("ciOidcProviderArn");
    const subject = config.get("ciSubject");
    const stack = pulumi.getStack();
    return {
        namePrefix: stack,
        databaseUser,
        cells: Object.values(cells).map((c) => ({
            clusterIdentifier: c.clusterIdentifier,
            clusterResourceId: c.clusterResourceId,
            alarmNames: c.alarmNames,
            fisTemplateIds: [c.fisTemplateIds.primaryFailure, c.fisTemplateIds.replicaFailure],
        })),
        trustedPrincipalArns: config.getObject<string[]>("trustedPrincipalArns"),
        ciOidc: providerArn !== undefined && subject !== undefined ? { providerArn, subject, audience: config.get("ciAudience") ?? "sts.amazonaws.com" } : undefined,
        ecsTasks,
        tags: { "resilience:stack": stack, "resilience:cell": "all", "resilience:managed-by": "pulumi" },
    };
}
