// Policies on AWS FIS experiment templates: a fault injected on purpose stops itself when an alarm
// says the blast radius is larger than planned, and the role it runs as can do only that fault.
import * as aws from "@pulumi/aws";
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy, validateResourceOfType } from "@pulumi/policy";

import { FIS_LOG_DELIVERY_ACTIONS } from "../aws/constants";
import { knownValues, label, ofType, refersTo, ResourceType, tryRead } from "./resources";
import { schemaWithDefaults, settings } from "./settings";

/** The stop-condition source that names a CloudWatch alarm. */
export const alarmStopConditionSource = "aws:cloudwatch:alarm";

/** Thresholds of {@link alarmStopCondition}. */
export interface StopConditionSettings {
    /** The fewest alarm stop conditions a template may have. */
    minAlarmStopConditions: number;
}

const stopConditionDefaults: StopConditionSettings = { minAlarmStopConditions: 1 };

/** Every experiment template stops on at least one CloudWatch alarm. */
export function alarmStopCondition(): ResourceValidationPolicy {
    return {
        name: "fis-alarm-stop-condition",
        description: "FIS experiment templates have at least one stop condition on a CloudWatch alarm.",
        severity: "critical",
        configSchema: schemaWithDefaults(stopConditionDefaults, {
            minAlarmStopConditions: { type: "integer", minimum: 1, description: "The fewest alarm stop conditions a template may have." },
        }),
        validateResource: validateResourceOfType(aws.fis.ExperimentTemplate, (template, args, reportViolation) => {
            const { minAlarmStopConditions } = settings(args, stopConditionDefaults);
            // An alarm ARN may be unknown during a preview (the alarm is created in the same update):
            // the source alone says it is an alarm stop condition.
            const alarms = (template.stopConditions ?? []).filter((condition) => condition.source === alarmStopConditionSource);
            if (alarms.length < minAlarmStopConditions) {
                reportViolation(
                    `Experiment template "${args.name}" has ${alarms.length} alarm stop condition(s); it needs at least ` +
                    `${minAlarmStopConditions} (source "${alarmStopConditionSource}"), so an experiment that hurts more ` +
                    `than planned stops by itself.`);
            }
        }),
    };
}

/**
 * The IAM actions each FIS action needs: the action itself and the describe calls FIS makes to resolve
 * targets (as in the AWS managed policy AWSFaultInjectionSimulatorRDSAccess).
 */
export const defaultActionPermissions: Record<string, string[]> = {
    "aws:rds:failover-db-cluster": ["rds:FailoverDBCluster", "rds:DescribeDBClusters"],
    "aws:rds:reboot-db-instances": ["rds:RebootDBInstance", "rds:DescribeDBInstances"],
};

/** Thresholds of {@link roleLeastPrivilege}. */
export interface RoleLeastPrivilegeSettings {
    /** IAM actions per FIS action id, added to (or replacing) the built-in ones. */
    actionPermissions: Record<string, string[]>;
    /** IAM actions every template's role may have whatever its actions (target resolution by tags). */
    alwaysAllowedActions: string[];
}

const roleLeastPrivilegeDefaults: RoleLeastPrivilegeSettings = {
    actionPermissions: {},
    // Target resolution by tags, and what FIS needs to deliver an experiment's log to CloudWatch Logs.
    alwaysAllowedActions: ["tag:GetResources", ...FIS_LOG_DELIVERY_ACTIONS],
};

/** A statement of an IAM policy document, as far as the check needs it. */
interface Statement {
    Effect?: string;
    Action?: string | string[];
    NotAction?: string | string[];
}

/**
 * The role of an experiment template allows only the IAM actions of the template's own FIS actions:
 * a chaos experiment must not be able to do more damage than it says it does.
 */
export function roleLeastPrivilege(): StackValidationPolicy {
    return {
        name: "fis-role-least-privilege",
        description: "The IAM role of a FIS experiment template allows only the actions the template uses.",
        severity: "critical",
        configSchema: schemaWithDefaults(roleLeastPrivilegeDefaults, {
            actionPermissions: {
                type: "object",
                additionalProperties: { type: "array", items: { type: "string" } },
                description: "IAM actions per FIS action id, e.g. {\"aws:ec2:stop-instances\": [\"ec2:StopInstances\", \"ec2:StartInstances\"]}; replaces the built-in entry for that id.",
            },
            alwaysAllowedActions: {
                type: "array",
                items: { type: "string" },
                description: "IAM actions any template's role may have (target resolution by tags).",
            },
        }),
        validateStack: (args, reportViolation) => {
            const config = settings(args, roleLeastPrivilegeDefaults);
            const permissions = { ...defaultActionPermissions, ...config.actionPermissions };
            const roles = ofType(args.resources, ResourceType.iamRole);
            for (const template of ofType(args.resources, ResourceType.fisExperimentTemplate)) {
                const report = (message: string) => reportViolation(message, template.urn);
                const role = roles.find((candidate) => refersTo(template, "roleArn", candidate, ["arn"]));
                if (!role) {
                    report(`Experiment template "${template.name}" runs as a role that is not declared in this stack; ` +
                        `the pack cannot check what it allows. Declare the role next to the template.`);
                    continue;
                }
                const actionIds = templateActionIds(template);
                const unknownIds = actionIds.filter((id) => !(id in permissions));
                if (unknownIds.length > 0) {
                    report(`Experiment template "${template.name}" uses FIS action(s) ${unknownIds.join(", ")} whose IAM ` +
                        `permissions the pack does not know; list them in the policy config actionPermissions.`);
                    continue;
                }
                const needed = actionIds.flatMap((id) => permissions[id]);
                const allowed = new Set([...needed, ...config.alwaysAllowedActions].map((action) => action.toLowerCase()));
                const granted = grantedStatements(role, args.resources, report, template.name);
                const excess = new Set<string>();
                for (const statement of granted) {
                    if (statement.NotAction !== undefined) {
                        report(`Role ${label(role, "name")} of experiment template "${template.name}" allows everything except ` +
                            `a list (NotAction); list the allowed actions instead.`);
                    }
                    for (const action of asList(statement.Action)) {
                        if (!allowed.has(action.toLowerCase())) {
                            excess.add(action);
                        }
                    }
                }
                if (excess.size > 0) {
                    report(`Role ${label(role, "name")} of experiment template "${template.name}" allows ${[...excess].sort().join(", ")}, ` +
                        `beyond what its actions (${actionIds.join(", ")}) need: ${needed.join(", ")}.`);
                }
                const grantedPatterns = granted.flatMap((statement) => asList(statement.Action)).map(actionPattern);
                const lacking = needed.filter((action) => !grantedPatterns.some((pattern) => pattern.test(action)));
                if (lacking.length > 0) {
                    report(`Role ${label(role, "name")} of experiment template "${template.name}" lacks ${lacking.join(", ")}; ` +
                        `the experiment would fail when it starts.`);
                }
            }
        },
    };
}

function templateActionIds(template: PolicyResource): string[] {
    const actions = (template.props.actions ?? []) as { actionId: string }[];
    return [...new Set(actions.map((action) => action.actionId))];
}

/**
 * The Allow statements a role gets from its inline policies, its RolePolicy resources and the
 * customer-managed policies attached to it. An attachment the pack cannot read (an AWS managed policy,
 * or one from outside the stack) is reported, since nothing can be said about what it allows.
 */
function grantedStatements(
    role: PolicyResource,
    resources: readonly PolicyResource[],
    report: (message: string) => void,
    templateName: string,
): Statement[] {
    const documents: unknown[] = [];
    const inline = (role.props.inlinePolicies ?? []) as { policy?: unknown }[];
    documents.push(...inline.map((policy) => policy.policy));
    for (const rolePolicy of ofType(resources, ResourceType.iamRolePolicy)) {
        if (refersTo(rolePolicy, "role", role, ["name", "id"])) {
            documents.push(rolePolicy.props.policy);
        }
    }
    const managedPolicies = ofType(resources, ResourceType.iamPolicy);
    const unreadable = (arn: string) =>
        report(`Role ${label(role, "name")} of experiment template "${templateName}" has managed policy ${arn}, which the ` +
            `pack cannot inspect; grant the template's permissions in an inline policy instead.`);
    for (const attachment of ofType(resources, ResourceType.iamRolePolicyAttachment)) {
        if (!refersTo(attachment, "role", role, ["name", "id"])) {
            continue;
        }
        const managed = managedPolicies.find((policy) => refersTo(attachment, "policyArn", policy, ["arn", "id"]));
        if (managed) {
            documents.push(managed.props.policy);
        } else {
            const arn = tryRead(() => attachment.props.policyArn as string);
            unreadable(arn.known ? arn.value : `(attached by "${attachment.name}")`);
        }
    }
    for (const arn of knownValues(() => role.props.managedPolicyArns)) {
        const managed = managedPolicies.find((policy) => tryRead(() => policy.props.arn).known && policy.props.arn === arn);
        if (managed) {
            documents.push(managed.props.policy);
        } else {
            unreadable(String(arn));
        }
    }
    return documents.flatMap(parseDocument).filter((statement) => statement.Effect === "Allow");
}

function parseDocument(document: unknown): Statement[] {
    let parsed: unknown = document;
    if (typeof document === "string") {
        try {
            parsed = JSON.parse(document);
        } catch {
            throw new Error(`an IAM policy document is not valid JSON: ${document.slice(0, 80)}`);
        }
    }
    if (typeof parsed !== "object" || parsed === null) {
        return [];
    }
    const statements = (parsed as { Statement?: Statement | Statement[] }).Statement;
    return statements === undefined ? [] : Array.isArray(statements) ? statements : [statements];
}

/** An IAM action pattern (`rds:Describe*`) as a case-insensitive regular expression. */
function actionPattern(action: string): RegExp {
    const escaped = action.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    return new RegExp(`^${escaped}$`, "i");
}

function asList(value: string | string[] | undefined): string[] {
    return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** Every FIS policy, in the order they appear in the pack. */
export function fisPolicies(): (ResourceValidationPolicy | StackValidationPolicy)[] {
    return [alarmStopCondition(), roleLeastPrivilege()];
}
