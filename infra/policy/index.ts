// Entry point the Pulumi CLI runs for `pulumi preview --policy-pack infra/policy`: serves the pack
// for the stack named in the environment (see docs/policy.md).
import { PolicyPack } from "@pulumi/policy";

import { policyPackName, resiliencePolicyPackArgs } from "./pack";
import { stackContextFromEnvironment } from "./stack-context";

new PolicyPack(policyPackName, resiliencePolicyPackArgs(stackContextFromEnvironment()));
