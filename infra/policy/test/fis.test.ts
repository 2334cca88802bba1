import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { alarmStopCondition, roleLeastPrivilege } from "../fis";
import { ResourceType } from "../resources";
import { auroraStack, named, withProps, without } from "./fixtures";
import { resourceViolations, stackViolations, TestResource, unknown, urnOf } from "./validation-args";

const template = named(auroraStack(), "primary-failure");
const templateUrn = urnOf(ResourceType.fisExperimentTemplate, "primary-failure");

const policyDocument = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

const withRolePolicy = (...statements: object[]) =>
    withProps(auroraStack(), "fis-primary-failure-permissions", { policy: policyDocument(...statements) });

describe("fis-alarm-stop-condition", () => {
    it("passes a template that stops on an alarm", async () => {
        assert.deepEqual(await resourceViolations(alarmStopCondition(), template), []);
    });

    it("passes an alarm stop condition whose ARN is unknown during a preview", async () => {
        const previewed = { ...template, props: { ...template.props, stopConditions: [{ source: "aws:cloudwatch:alarm", value: unknown }] } };
        assert.deepEqual(await resourceViolations(alarmStopCondition(), previewed), []);
    });

    it("reports a template without stop conditions on alarms", async () => {
        const unsafe: TestResource = { ...template, props: { ...template.props, stopConditions: [{ source: "none" }] } };
        assert.deepEqual(await resourceViolations(alarmStopCondition(), unsafe), [
            `Experiment template "primary-failure" has 0 alarm stop condition(s); it needs at least 1 (source "aws:cloudwatch:alarm"), so an experiment that hurts more than planned stops by itself.`,
        ]);
    });

    it("uses the configured minimum", async () => {
        const violations = await resourceViolations(alarmStopCondition(), template, { minAlarmStopConditions: 2 });
        assert.match(violations[0], /has 1 alarm stop condition\(s\); it needs at least 2/);
    });
});

describe("fis-role-least-privilege", () => {
    it("passes a role with exactly the failover permissions", async () => {
        assert.deepEqual(await stackViolations(roleLeastPrivilege(), auroraStack()), []);
    });

    it("passes tag-based target resolution", async () => {
        const stack = withRolePolicy(
            { Effect: "Allow", Action: ["rds:FailoverDBCluster", "rds:DescribeDBClusters"], Resource: "*" },
            { Effect: "Allow", Action: "tag:GetResources", Resource: "*" });
        assert.deepEqual(await stackViolations(roleLeastPrivilege(), stack), []);
    });

    it("reports actions the template does not use", async () => {
        const stack = withRolePolicy(
            { Effect: "Allow", Action: ["rds:FailoverDBCluster", "rds:DescribeDBClusters", "rds:RebootDBInstance", "rds:DeleteDBCluster"], Resource: "*" });
        assert.deepEqual(await stackViolations(roleLeastPrivilege(), stack), [{
            message: `Role "fis-primary-failure" (resilience-staging-fis-primary-failure) of experiment template "primary-failure" allows rds:DeleteDBCluster, rds:RebootDBInstance, beyond what its actions (aws:rds:failover-db-cluster) need: rds:FailoverDBCluster, rds:DescribeDBClusters.`,
            urn: templateUrn,
        }]);
    });

    it("reports a wildcard", async () => {
        const stack = withRolePolicy({ Effect: "Allow", Action: "rds:*", Resource: "*" });
        const messages = (await stackViolations(roleLeastPrivilege(), stack)).map((v) => v.message);
        assert.equal(messages.length, 1);
        assert.match(messages[0], /allows rds:\*, beyond what its actions/);
    });

    it("reports NotAction", async () => {
        const stack = withRolePolicy(
            { Effect: "Allow", Action: ["rds:FailoverDBCluster", "rds:DescribeDBClusters"], Resource: "*" },
            { Effect: "Allow", NotAction: "iam:*", Resource: "*" });
        const messages = (await stackViolations(roleLeastPrivilege(), stack)).map((v) => v.message);
        assert.deepEqual(messages, [
            `Role "fis-primary-failure" (resilience-staging-fis-primary-failure) of experiment template "primary-failure" allows everything except a list (NotAction); list the allowed actions instead.`,
        ]);
    });

    it("ignores Deny statements", async () => {
        const stack = withRolePolicy(
            { Effect: "Allow", Action: ["rds:FailoverDBCluster", "rds:DescribeDBClusters"], Resource: "*" },
            { Effect: "Deny", Action: "rds:Delete*", Resource: "*" });
        assert.deepEqual(await stackViolations(roleLeastPrivilege(), stack), []);
    });

    it("reports a role that lacks the action's permission", async () => {
        const stack = withRolePolicy({ Effect: "Allow", Action: ["rds:DescribeDBClusters"], Resource: "*" });
        assert.deepEqual((await stackViolations(roleLeastPrivilege(), stack)).map((v) => v.message), [
            `Role "fis-primary-failure" (resilience-staging-fis-primary-failure) of experiment template "primary-failure" lacks rds:FailoverDBCluster; the experiment would fail when it starts.`,
        ]);
    });

    it("reads permissions from inline policies of the role", async () => {
        const stack = withProps(without(auroraStack(), "fis-primary-failure-permissions"), "fis-primary-failure", {
            inlinePolicies: [{ name: "fis", policy: policyDocument({ Effect: "Allow", Action: ["rds:FailoverDBCluster", "rds:DescribeDBClusters", "ec2:TerminateInstances"], Resource: "*" }) }],
        }, ResourceType.iamRole);
        const messages = (await stackViolations(roleLeastPrivilege(), stack)).map((v) => v.message);
        assert.equal(messages.length, 1);
        assert.match(messages[0], /allows ec2:TerminateInstances, beyond/);
    });

    it("reports an AWS managed policy it cannot inspect", async () => {
        const attachment: TestResource = {
            type: ResourceType.iamRolePolicyAttachment, name: "fis-managed",
            props: { role: "resilience-staging-fis-primary-failure", policyArn: "arn:aws:iam::aws:policy/service-role/AWSFaultInjectionSimulatorRDSAccess" },
        };
        const messages = (await stackViolations(roleLeastPrivilege(), [...auroraStack(), attachment])).map((v) => v.message);
        assert.deepEqual(messages, [
            `Role "fis-primary-failure" (resilience-staging-fis-primary-failure) of experiment template "primary-failure" has managed policy arn:aws:iam::aws:policy/service-role/AWSFaultInjectionSimulatorRDSAccess, which the pack cannot inspect; grant the template's permissions in an inline policy instead.`,
        ]);
    });

    it("reads a customer managed policy declared in the stack", async () => {
        const managed: TestResource = {
            type: ResourceType.iamPolicy, name: "fis-extra",
            props: { arn: "arn:aws:iam::123456789012:policy/fis-extra", policy: policyDocument({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }) },
        };
        const attachment: TestResource = {
            type: ResourceType.iamRolePolicyAttachment, name: "fis-extra-attachment",
            props: { role: "resilience-staging-fis-primary-failure", policyArn: "arn:aws:iam::123456789012:policy/fis-extra" },
        };
        const messages = (await stackViolations(roleLeastPrivilege(), [...auroraStack(), managed, attachment])).map((v) => v.message);
        assert.equal(messages.length, 1);
        assert.match(messages[0], /allows s3:GetObject, beyond/);
    });

    it("reports a role that is not in the stack", async () => {
        const stack = withProps(auroraStack(), "primary-failure", { roleArn: "arn:aws:iam::123456789012:role/somewhere-else" });
        assert.deepEqual((await stackViolations(roleLeastPrivilege(), stack)).map((v) => v.message), [
            `Experiment template "primary-failure" runs as a role that is not declared in this stack; the pack cannot check what it allows. Declare the role next to the template.`,
        ]);
    });

    it("finds the role through property dependencies while its ARN is unknown", async () => {
        const stack = withProps(auroraStack(), "primary-failure", { roleArn: unknown }).map((resource): TestResource =>
            resource.name === "primary-failure" ? { ...resource, propertyDependencies: { roleArn: ["fis-primary-failure"] } } : resource);
        assert.deepEqual(await stackViolations(roleLeastPrivilege(), stack), []);
    });

    it("reports an action whose permissions it does not know, and learns them from config", async () => {
        const stack = withProps(auroraStack(), "primary-failure", {
            actions: [{ name: "stop", actionId: "aws:ec2:stop-instances", target: { key: "Instances", value: "nodes" } }],
        });
        const messages = (await stackViolations(roleLeastPrivilege(), stack)).map((v) => v.message);
        assert.deepEqual(messages, [
            `Experiment template "primary-failure" uses FIS action(s) aws:ec2:stop-instances whose IAM permissions the pack does not know; list them in the policy config actionPermissions.`,
        ]);
        const configured = await stackViolations(roleLeastPrivilege(), stack, {
            actionPermissions: { "aws:ec2:stop-instances": ["rds:FailoverDBCluster", "rds:DescribeDBClusters"] },
        });
        assert.deepEqual(configured, []);
    });
});
