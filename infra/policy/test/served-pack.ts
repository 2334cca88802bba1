// Starts the pack the way the Pulumi CLI does (`@pulumi/pulumi/cmd/run-policy-pack` in the pack's
// directory, stack name and config in the environment) and talks to it over the analyzer gRPC
// protocol, so a test proves PulumiPolicy.yaml, package.json and index.ts really serve the pack.
import { ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";

import { TestResource, urnOfResource } from "./validation-args";

/* eslint-disable @typescript-eslint/no-require-imports */
const grpc: any = require("@grpc/grpc-js");
const analyzerRpc: any = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const analyzerProto: any = require("@pulumi/pulumi/proto/analyzer_pb");
const structProto: any = require("google-protobuf/google/protobuf/struct_pb");
const emptyProto: any = require("google-protobuf/google/protobuf/empty_pb");
/* eslint-enable @typescript-eslint/no-require-imports */

const packDirectory = path.resolve(__dirname, "..");
const runPolicyPack = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDirectory] });

/** How long the pack may take to print its port. */
const startTimeoutMs = Number(process.env.RESILIENCE_POLICY_START_TIMEOUT_MS ?? 60_000);

const enforcementLevels = ["advisory", "mandatory", "disabled", "remediate"] as const;

/** A diagnostic the served pack returned. */
export interface Diagnostic {
    policyName: string;
    enforcementLevel: string;
    message: string;
    urn: string;
}

/** A pack process and a client connected to it. */
export interface ServedPack {
    info(): Promise<{ name: string; policies: { name: string; enforcementLevel: string }[] }>;
    /** Sends policy config as the CLI does after reading a `--policy-pack-config` file. */
    configure(config: Record<string, { enforcementLevel?: string } & Record<string, unknown>>): Promise<void>;
    analyze(resource: TestResource): Promise<Diagnostic[]>;
    analyzeStack(resources: readonly TestResource[]): Promise<Diagnostic[]>;
    stop(): void;
}

/** Starts the pack for a stack with the given (fully qualified) config, as PULUMI_STACK / PULUMI_CONFIG. */
export async function servePack(stack: string, config: Record<string, unknown>): Promise<ServedPack> {
    const encoded = Object.fromEntries(Object.entries(config).map(([key, value]) =>
        [key, typeof value === "string" ? value : JSON.stringify(value)]));
    const child = spawn(process.execPath, [runPolicyPack, "127.0.0.1:0", "."], {
        cwd: packDirectory,
        env: { ...process.env, PULUMI_STACK: stack, PULUMI_NODEJS_STACK: stack, PULUMI_CONFIG: JSON.stringify(encoded) },
        stdio: ["ignore", "pipe", "pipe"],
    });
    const port = await readPort(child);
    const client = new analyzerRpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const call = <T>(method: string, request: unknown): Promise<T> => new Promise((resolve, reject) =>
        client[method](request, (error: Error | null, response: T) => (error ? reject(error) : resolve(response))));

    const pack: ServedPack = {
        async info() {
            const response: any = await call("getAnalyzerInfo", new emptyProto.Empty());
            return {
                name: response.getName(),
                policies: response.getPoliciesList().map((policy: any) => ({
                    name: policy.getName(),
                    enforcementLevel: enforcementLevels[policy.getEnforcementlevel()],
                })),
            };
        },
        async configure(policyConfig) {
            // As the CLI does: a policy's entry keeps the level the pack announced unless the config sets one.
            const announced = new Map((await pack.info()).policies.map((policy) => [policy.name, policy.enforcementLevel]));
            const request = new analyzerProto.ConfigureAnalyzerRequest();
            const map = request.getPolicyconfigMap();
            for (const [policy, { enforcementLevel, ...properties }] of Object.entries(policyConfig)) {
                const entry = new analyzerProto.PolicyConfig();
                const level = (enforcementLevel ?? announced.get(policy) ?? "advisory") as typeof enforcementLevels[number];
                entry.setEnforcementlevel(enforcementLevels.indexOf(level));
                entry.setProperties(structProto.Struct.fromJavaScript(properties));
                map.set(policy, entry);
            }
            await call("configure", request);
        },
        async analyze(resource) {
            const request = new analyzerProto.AnalyzeRequest();
            request.setType(resource.type);
            request.setName(resource.name);
            request.setUrn(urnOfResource(resource));
            request.setProperties(structProto.Struct.fromJavaScript(jsonOf(resource.props)));
            request.setOptions(options(resource));
            return diagnostics(await call("analyze", request));
        },
        async analyzeStack(resources) {
            const request = new analyzerProto.AnalyzeStackRequest();
            request.setResourcesList(resources.map((resource) => {
                const proto = new analyzerProto.AnalyzerResource();
                proto.setType(resource.type);
                proto.setName(resource.name);
                proto.setUrn(urnOfResource(resource));
                proto.setProperties(structProto.Struct.fromJavaScript(jsonOf(resource.props)));
                proto.setOptions(options(resource));
                return proto;
            }));
            return diagnostics(await call("analyzeStack", request));
        },
        stop() {
            client.close();
            child.kill();
        },
    };
    return pack;
}

function readPort(child: ChildProcess): Promise<number> {
    return new Promise((resolve, reject) => {
        let stdout = "";
        let stderr = "";
        const timer = setTimeout(() => {
            child.kill();
            reject(new Error(`the policy pack printed no port within ${startTimeoutMs} ms; stderr: ${stderr}`));
        }, startTimeoutMs);
        child.stdout?.on("data", (chunk: Buffer) => {
            stdout += chunk.toString();
            const match = /^(\d+)\s*$/m.exec(stdout);
            if (match) {
                clearTimeout(timer);
                resolve(Number(match[1]));
            }
        });
        child.stderr?.on("data", (chunk: Buffer) => { stderr += chunk.toString(); });
        child.on("exit", (code) => {
            clearTimeout(timer);
            reject(new Error(`the policy pack exited with code ${code}; stderr: ${stderr}`));
        });
    });
}

function options(resource: TestResource): unknown {
    const result = new analyzerProto.AnalyzerResourceOptions();
    result.setIgnorechangesList(resource.ignoreChanges ?? []);
    result.setCustomtimeouts(new analyzerProto.AnalyzerResourceOptions.CustomTimeouts());
    return result;
}

function diagnostics(response: any): Diagnostic[] {
    return response.getDiagnosticsList().map((diagnostic: any) => ({
        policyName: diagnostic.getPolicyname(),
        enforcementLevel: enforcementLevels[diagnostic.getEnforcementlevel()],
        message: diagnostic.getMessage(),
        urn: diagnostic.getUrn(),
    }));
}

/** Props as JSON (Struct.fromJavaScript refuses undefined). */
function jsonOf(props: Record<string, unknown>): Record<string, unknown> {
    return JSON.parse(JSON.stringify(props));
}
