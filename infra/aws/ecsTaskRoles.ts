import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** ECS tasks of this account may assume the role (the confused-deputy guard ECS documents). */
export function ecsTasksTrust(accountId: pulumi.Input<string>): pulumi.Output<string> {
    return pulumi.jsonStringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": accountId } } }],
    });
}

export interface EcsExecutionRoleArgs {
    /** The task definition's family; the role is named after it. */
    family: string;
    description: string;
    accountId: pulumi.Input<string>;
    /** The task's own log group: the only one the role may write to. */
    logGroupArn: pulumi.Input<string>;
    tags: Record<string, string>;
}

/**
 * The role ECS itself uses to start a task (`<name>-execution`): write the task's logs to its own group, nothing
 * else. The images come from a public registry (ghcr.io), so no ECR or Secrets Manager access is needed.
 */
export function ecsExecutionRole(name: string, args: EcsExecutionRoleArgs, opts: pulumi.CustomResourceOptions): aws.iam.Role {
    const role = new aws.iam.Role(
        `${name}-execution`,
        { name: `${args.family}-execution`.slice(0, 64), description: args.description, assumeRolePolicy: ecsTasksTrust(args.accountId), tags: args.tags },
        opts,
    );
    new aws.iam.RolePolicy(
        `${name}-execution-logs`,
        {
            role: role.name,
            policy: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [{ Sid: "WriteOwnLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: pulumi.interpolate`${args.logGroupArn}:*` }],
            }),
        },
        opts,
    );
    return role;
}
