// Production is declared, not guessed: `resilience:environment: production` in the stack file turns on
// production's guards (mandatory enforcement, the stricter thresholds). A stack whose name looks like
// production but does not declare it gets a warning, since every production guard is then off. The
// policy inherits the pack's level, which is advisory exactly when it can fire (the stack is not production).
import { StackValidationPolicy } from "@pulumi/policy";

import { stackOfResources } from "./resources";
import { isProduction, nameLooksLikeProduction, StackContext } from "./stack-context";

/** A stack named like production declares `resilience:environment: production` (advisory: a name is only a hint). */
export function environmentDeclared(context: StackContext): StackValidationPolicy {
    return {
        name: "environment-declared",
        description: "A stack whose name looks like production (prod, prd, production) declares resilience:environment: production.",
        severity: "medium",
        validateStack: (args, reportViolation) => {
            const stack = context.stack ?? stackOfResources(args.resources);
            if (nameLooksLikeProduction(stack) && !isProduction(context)) {
                reportViolation(
                    `Stack "${stack}" looks like production by its name but resilience:environment is ` +
                    `${JSON.stringify(context.environment ?? "development")}: deletion protection, final snapshots, three zones, ` +
                    `synchronous replication, backups and alarms are not required of it. Set resilience:environment: production if it is.`);
            }
        },
    };
}

/** Every environment policy, in the order they appear in the pack. */
export function environmentPolicies(context: StackContext): StackValidationPolicy[] {
    return [environmentDeclared(context)];
}
