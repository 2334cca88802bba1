/**
 * The Aurora warm-up gate controller under mocks (aws/warmupGateService.ts): an always-on Fargate service of one
 * task per stack in the private subnets, running `healthprobes gate` as healthProbesContract.json names it, with
 * a role that may only describe its clusters, edit their warm-readers endpoints, put its own metric namespace and
 * connect as the probe user; Performance Insights at cluster level for the readers Auto Scaling adds.
 */
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { HEALTHPROBES } from "../healthProbesContract";
import { ACCOUNT_ID, REGION, REPO_ROOT, ofType, runProgram } from "./harness";
import type { ProgramRun, RegisteredResource } from "./harness";

interface Statement {
    Sid: string;
    Effect: string;
    Action: string[];
    Resource: string | string[];
    Condition?: Record<string, Record<string, string>>;
}

function gate(run: ProgramRun, type: string, name?: string): RegisteredResource {
    const found = ofType(run, type).filter((r) => (name === undefined ? r.name.startsWith("warmup-gate") : r.name === name));
    assert.equal(found.length, 1, `one warm-up gate ${type}, got ${found.length}`);
    return found[0] as RegisteredResource;
}

describe("the Aurora warm-up gate controller (staging)", () => {
    let run: ProgramRun;
    before(async () => {
        run = await runProgram("staging");
    });

    it("runs one task of `healthprobes gate` for the stack, always on, never two at once, in the private subnets", () => {
        const service = gate(run, "aws:ecs/service:Service");
        assert.equal(service.inputs.desiredCount, 1);
        assert.equal(service.inputs.launchType, "FARGATE");
        assert.equal(service.inputs.deploymentMaximumPercent, 100);
        assert.equal(service.inputs.deploymentMinimumHealthyPercent, 0);
        assert.deepEqual(service.inputs.networkConfiguration.subnets, ["subnet-0aaa1111bbbb2222c", "subnet-0ddd3333eeee4444f"]);
        assert.equal(service.inputs.networkConfiguration.assignPublicIp, false);

        const task = gate(run, "aws:ecs/taskDefinition:TaskDefinition");
        const [container] = JSON.parse(task.inputs.containerDefinitions);
        assert.deepEqual(container.command, [
            "gate", "--stack-file", "/stacks/Pulumi.staging.yaml", "--state-dir", "/var/lib/healthprobes", "--listen", "0.0.0.0:8098",
            "--pg-user", "resilience_gate", "--iam-auth", "true", "--pg-ca-file", "/etc/ssl/rds/global-bundle.pem",
        ]);
        assert.equal(container.image, "ghcr.io/example/resilience/healthprobes:latest");
        assert.deepEqual(container.portMappings, [{ containerPort: 8098, protocol: "tcp" }]);
        assert.deepEqual(container.mountPoints, [{ sourceVolume: "state", containerPath: "/var/lib/healthprobes" }]);
        assert.equal(container.readonlyRootFilesystem, true);
        assert.equal(container.user, "1654");
        assert.ok(!JSON.stringify(container.environment).match(/PASSWORD/i), "no password: IAM database auth tokens");
    });

    it("the image carries the RDS CA bundle where the task tells the gate to find it, readable by the gate's user", () => {
        const dockerfile = readFileSync(join(REPO_ROOT, "healthprobes.Dockerfile"), "utf8");
        const add = dockerfile.split("\n").filter((l) => l.startsWith("ADD "));
        assert.deepEqual(add, [`ADD --chmod=644 https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem ${HEALTHPROBES.image.rdsCaBundle}`]);
        const runtime = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));
        assert.ok(runtime.includes(add[0] as string), "in the runtime stage");
    });

    it("its role may only describe its cluster, edit its warm-readers endpoint, put its own metric and connect as the probe user", () => {
        const role = gate(run, "aws:iam/role:Role", "warmup-gate-task");
        const trust = JSON.parse(role.inputs.assumeRolePolicy).Statement[0];
        assert.deepEqual(trust.Principal, { Service: "ecs-tasks.amazonaws.com" });
        const statements = JSON.parse(gate(run, "aws:iam/rolePolicy:RolePolicy", "warmup-gate-task-policy").inputs.policy).Statement as Statement[];
        const arn = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${ACCOUNT_ID}:${resource}`;
        const bySid = Object.fromEntries(statements.map((s) => [s.Sid, s]));
        assert.deepEqual(Object.keys(bySid), ["DescribeOwnClusters", "DescribeInstances", "EditOwnWarmReadersEndpoints", "PutOwnMetricNamespace", "ConnectAsTheProbeUser"]);
        assert.deepEqual(bySid.DescribeOwnClusters?.Resource, [arn("rds", "cluster:staging-eu-1"), arn("rds", "cluster-endpoint:staging-eu-1-warm-readers")]);
        assert.deepEqual(bySid.DescribeInstances?.Action, ["rds:DescribeDBInstances"]);
        assert.deepEqual(bySid.EditOwnWarmReadersEndpoints?.Action, ["rds:ModifyDBClusterEndpoint"]);
        assert.deepEqual(bySid.EditOwnWarmReadersEndpoints?.Resource, [arn("rds", "cluster-endpoint:staging-eu-1-warm-readers")]);
        assert.deepEqual(bySid.PutOwnMetricNamespace?.Condition, { StringEquals: { "cloudwatch:namespace": "Resilience/WarmupGate" } });
        const connect = bySid.ConnectAsTheProbeUser?.Resource as string[];
        assert.equal(connect.length, 1);
        assert.match(connect[0] as string, new RegExp(`^arn:aws:rds-db:${REGION}:${ACCOUNT_ID}:dbuser:.+/resilience_gate$`));
        for (const s of statements) {
            assert.equal(s.Effect, "Allow");
            assert.ok(!s.Action.some((a) => a.includes("*")), `wildcard action in ${s.Sid}`);
            assert.ok(!s.Action.some((a) => /^(rds:(Delete|Reboot|Failover|Create|Modify(?!DBClusterEndpoint))|iam:)/.test(a)), `${s.Sid} may change more than the endpoint`);
        }
    });

    it("reaches the readers on the PostgreSQL port and AWS over HTTPS, and nothing else", () => {
        const egress = ofType(run, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule").filter((r) => r.name.startsWith("warmup-gate"));
        assert.deepEqual(egress.map((r) => [r.inputs.fromPort, r.inputs.toPort]).sort(), [[443, 443], [5432, 5432]]);
        const ingress = ofType(run, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.name.startsWith("warmup-gate"));
        assert.deepEqual(ingress.map((r) => r.inputs.fromPort), [5432]);
    });

    it("turns Performance Insights on at cluster level, so readers Auto Scaling adds have it", () => {
        const [cluster] = ofType(run, "aws:rds/cluster:Cluster");
        assert.equal(cluster?.inputs.performanceInsightsEnabled, true);
        assert.equal(typeof cluster?.inputs.performanceInsightsRetentionPeriod, "number");
    });
});
