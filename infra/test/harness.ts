/**
 * Runs the Pulumi program (infra/index.ts) under mocks for one stack file and returns every resource
 * it registered, with its inputs, the outputs the mocks gave it, its resource options and the
 * resources its properties depend on. Shared by the program's tests and the policy pack's whole-pack
 * test. The engine is replaced, not the program: config is loaded as the CLI would (secrets
 * decrypted into secret keys), then index.ts is required fresh.
 */
import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import type { MockCallArgs, MockCallResult, MockResourceArgs, MockResourceResult, Mocks } from "@pulumi/pulumi/runtime/mocks";
import { deserializeProperties, deserializeProperty, specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { createHash } from "node:crypto";
import { basename, join } from "node:path";
import { loadStackFile } from "../spec/stackFile";

export const PROJECT = "resilience";
export const ACCOUNT_ID = "123456789012";
export const REGION = "eu-central-1";
/** What a `{ secure: ... }` decrypts to under the harness: recognisable, never a real secret. */
export const DECRYPTED_SECRET_PREFIX = "https://decrypted.example.invalid/";

/** The repository root, where the stack files are. */
export const REPO_ROOT = join(__dirname, "..", "..");

export interface RegisteredResource {
    /** Type token, e.g. `aws:rds/cluster:Cluster` or `resilience:aws:AuroraCell` (components too). */
    readonly type: string;
    /** Pulumi logical name. */
    readonly name: string;
    readonly urn: string;
    /** false for component resources. */
    readonly custom: boolean;
    /** The parent's URN ('' for top-level resources). */
    readonly parent: string;
    /** Inputs as the program set them, outputs of other resources resolved. */
    readonly inputs: Record<string, any>;
    /** Inputs plus what the mocks computed (arn, endpoint, id...), as the engine would report. */
    readonly state: Record<string, any>;
    readonly id: string | undefined;
    /** URNs of the resources it depends on (dependsOn and through its inputs). */
    readonly dependencies: readonly string[];
    /** Input properties whose value is (or holds) a Pulumi secret. */
    readonly secretProperties: readonly string[];
    /** Per input property, the URNs of the resources its value came from. */
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
    readonly options: {
        readonly ignoreChanges: readonly string[];
        readonly protect: boolean;
        readonly deleteBeforeReplace: boolean;
    };
}

export interface ProgramRun {
    readonly stack: string;
    readonly resources: readonly RegisteredResource[];
    /** The stack outputs (index.ts exports), resolved. */
    readonly outputs: Record<string, unknown>;
    /** Warnings the program logged (pulumi.log.warn). */
    readonly warnings: readonly string[];
}

/** What `pulumi.runtime.setMocks` enables: every engine feature except output values and transforms. */
const MOCK_FEATURES = {
    supportsSecrets: true,
    supportsResourceReferences: true,
    supportsOutputValues: false,
    supportsDeletedWith: true,
    supportsReplaceWith: true,
    supportsAliasSpecs: true,
    supportsTransforms: false,
    supportsParameterization: true,
    supportsResourceHooks: true,
    supportsErrorHooks: true,
};

/** The SDK's runtime store (exported by runtime/state, untyped there). */
function runtimeStore(): Record<string, unknown> {
    const state = require("@pulumi/pulumi/runtime/state") as { getStore(): Record<string, unknown> };
    return state.getStore();
}

/** Replaces the engine's secret wrappers with their values (which are listed in `secretProperties`). */
function unwrapSecrets(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(unwrapSecrets);
    }
    if (typeof value === "object" && value !== null) {
        const record = value as Record<string, unknown>;
        if (record[specialSigKey] === specialSecretSig) {
            return unwrapSecrets(record.value);
        }
        return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, unwrapSecrets(v)]));
    }
    return value;
}

/** `Pulumi.prod.yaml` -> `prod`. */
export function stackNameOf(stackFile: string): string {
    return basename(stackFile).replace(/^Pulumi\./, "").replace(/\.yaml$/, "");
}

/** Runs the program for a stack file (a path, or a name like `prod` for `Pulumi.prod.yaml` at the repo root). */
export async function runProgram(stackFile: string, options: { preview?: boolean; absent?: readonly string[] } = {}): Promise<ProgramRun> {
    const path = stackFile.includes("/") ? stackFile : join(REPO_ROOT, `Pulumi.${stackFile}.yaml`);
    const stack = stackNameOf(path);
    const monitor = new RecordingMonitor(new StackMocks(options.absent ?? []));
    // setMocks with our own monitor: the options, then the features setMocks turns on.
    settings.setMockOptions(monitor, PROJECT, stack, options.preview ?? false);
    Object.assign(runtimeStore(), MOCK_FEATURES);
    let secrets = 0;
    loadStackFile(path, { decrypt: () => `${DECRYPTED_SECRET_PREFIX}${++secrets}` });

    const warnings: string[] = [];
    const restore = captureConsole(warnings);
    try {
        const programPath = require.resolve("../index");
        delete require.cache[programPath];
        const program = require(programPath) as Record<string, unknown>;
        const outputs = await resolveAll(program);
        await (settings as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();
        return { stack, resources: await monitor.recorded(), outputs, warnings };
    } finally {
        restore();
    }
}

/** Resources of one type token. */
export function ofType(run: ProgramRun, type: string): RegisteredResource[] {
    return run.resources.filter((r) => r.type === type);
}

/** The resources whose URN another resource's property depends on. */
export function dependenciesOf(run: ProgramRun, resource: RegisteredResource, property: string): RegisteredResource[] {
    const urns = resource.propertyDependencies[property] ?? [];
    return run.resources.filter((r) => urns.includes(r.urn));
}

async function resolveAll(exports: Record<string, unknown>): Promise<Record<string, unknown>> {
    const entries = await Promise.all(
        Object.entries(exports).map(
            ([key, value]) =>
                new Promise<[string, unknown]>((resolve) => {
                    (pulumi.output(value) as pulumi.Output<unknown>).apply((v) => resolve([key, v]));
                }),
        ),
    );
    return Object.fromEntries(entries.filter(([, v]) => v !== undefined));
}

function captureConsole(warnings: string[]): () => void {
    const { warn, log } = console;
    console.warn = (...args: unknown[]) => {
        warnings.push(args.map(String).join(" ").replace(/^warning: \[runtime\] /, ""));
    };
    console.log = (...args: unknown[]) => {
        if (!String(args[0]).startsWith("info: [runtime]")) {
            log(...args);
        }
    };
    return () => {
        console.warn = warn;
        console.log = log;
    };
}

interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getObject(): unknown;
    getDependenciesList(): string[];
    getPropertydependenciesMap(): { forEach(f: (value: { getUrnsList(): string[] }, key: string) => void): void };
    getIgnorechangesList(): string[];
    getProtect(): boolean | undefined;
    getDeletebeforereplace(): boolean;
}

/** The mock monitor, recording what each registration asked for (options and dependencies included). */
class RecordingMonitor extends MockMonitor {
    private readonly pending: Promise<RegisteredResource | undefined>[] = [];

    override registerResource(req: RegisterRequest, callback: (err: unknown, response: unknown) => void): Promise<void> {
        let done: (r: RegisteredResource | undefined) => void = () => undefined;
        this.pending.push(new Promise((resolve) => (done = resolve)));
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((value, key) => {
            propertyDependencies[key] = value.getUrnsList();
        });
        const inputs = unwrapSecrets(deserializeProperties(req.getObject() as never)) as Record<string, any>;
        const raw = (req.getObject() as { toJavaScript(): Record<string, unknown> }).toJavaScript();
        const secretProperties = Object.keys(raw).filter((key) => JSON.stringify(raw[key]).includes(specialSecretSig));
        return super.registerResource(req, (err: unknown, response: unknown) => {
            if (err === null || err === undefined) {
                const urn = (response as { getUrn(): string }).getUrn();
                const registered = this.resources.get(urn);
                done({
                    type: req.getType(),
                    name: req.getName(),
                    urn,
                    custom: req.getCustom(),
                    parent: req.getParent(),
                    inputs,
                    state: unwrapSecrets(deserializeProperty(registered?.state ?? {}) ?? {}) as Record<string, any>,
                    id: registered?.id ?? undefined,
                    dependencies: req.getDependenciesList(),
                    secretProperties,
                    propertyDependencies,
                    options: {
                        ignoreChanges: req.getIgnorechangesList(),
                        protect: req.getProtect() === true,
                        deleteBeforeReplace: req.getDeletebeforereplace(),
                    },
                });
            } else {
                done(undefined);
            }
            callback(err, response);
        });
    }

    async recorded(): Promise<RegisteredResource[]> {
        const all = await Promise.all(this.pending);
        return all.filter((r): r is RegisteredResource => r !== undefined);
    }
}

/** The DbClusterResourceId the mocks give the cluster named `identifier`. */
export function clusterResourceIdOf(identifier: string): string {
    return `cluster-${identifier.toUpperCase().replace(/[^A-Z0-9]/g, "").padEnd(26, "X").slice(0, 26)}`;
}

/** Cloud-side values the program reads back: ids, ARNs, endpoints, as AWS would form them. */
class StackMocks implements Mocks {
    /** @param absent ids of existing resources the program reads (`.get`) that the cluster or account lacks. */
    constructor(private readonly absent: readonly string[]) {}

    newResource(args: MockResourceArgs): MockResourceResult {
        if (args.id !== undefined && args.id !== "" && this.absent.includes(args.id)) {
            // What a provider's Read answers for a missing object; the engine then fails the read.
            throw new Error(`reading ${args.type} "${args.id}": resource does not exist`);
        }
        const inputs = args.inputs as Record<string, any>;
        const physical: string =
            inputs.clusterIdentifier && args.type === "aws:rds/cluster:Cluster"
                ? inputs.clusterIdentifier
                : (inputs.identifier ?? inputs.clusterEndpointIdentifier ?? inputs.name ?? inputs.dashboardName ?? args.name);
        const state: Record<string, any> = { ...inputs };
        const arn = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${ACCOUNT_ID}:${resource}`;
        const host = (kind: string) => `${physical}.${kind}-c1a2b3c4d5e6.${REGION}.rds.amazonaws.com`;
        let id = `${args.name}-id`;
        switch (args.type) {
            case "aws:rds/cluster:Cluster":
                // DbClusterResourceId: "cluster-" and 26 characters AWS chooses; derived from the name here so tests can predict it.
                Object.assign(state, { arn: arn("rds", `cluster:${physical}`), endpoint: host("cluster"), readerEndpoint: host("cluster-ro"), port: inputs.port ?? 5432, clusterResourceId: clusterResourceIdOf(physical) });
                id = physical;
                break;
            case "aws:rds/clusterInstance:ClusterInstance":
                Object.assign(state, { arn: arn("rds", `db:${physical}`), endpoint: `${physical}.c1a2b3c4d5e6.${REGION}.rds.amazonaws.com`, writer: inputs.promotionTier === 0 && (inputs.tags ?? {})["resilience:role"] === "writer" });
                id = physical;
                break;
            case "aws:rds/clusterEndpoint:ClusterEndpoint":
                Object.assign(state, { arn: arn("rds", `cluster-endpoint:${physical}`), endpoint: host("cluster-custom") });
                id = physical;
                break;
            case "aws:rds/clusterParameterGroup:ClusterParameterGroup":
            case "aws:rds/subnetGroup:SubnetGroup":
                Object.assign(state, { arn: arn("rds", `${args.type.includes("subnet") ? "subgrp" : "cluster-pg"}:${physical}`), name: physical });
                id = physical;
                break;
            case "aws:ec2/securityGroup:SecurityGroup":
                // A hash, not the name's first bytes: `prod-eu-1-db` and `prod-eu-2-db` must differ.
                id = `sg-0${createHash("sha1").update(physical).digest("hex").slice(0, 16)}`;
                Object.assign(state, { arn: arn("ec2", `security-group/${id}`) });
                break;
            case "aws:cloudwatch/metricAlarm:MetricAlarm":
                Object.assign(state, { arn: arn("cloudwatch", `alarm:${physical}`) });
                id = physical;
                break;
            case "aws:cloudwatch/dashboard:Dashboard":
                Object.assign(state, { dashboardArn: `arn:aws:cloudwatch::${ACCOUNT_ID}:dashboard/${physical}` });
                id = physical;
                break;
            case "aws:sns/topic:Topic":
                Object.assign(state, { arn: arn("sns", physical), name: physical });
                id = state.arn;
                break;
            case "random:index/randomPassword:RandomPassword":
                // What the provider generates; recognisable, never a real secret.
                Object.assign(state, { result: `mock-random-${args.name}` });
                break;
            case "aws:iam/role:Role":
                Object.assign(state, { arn: `arn:aws:iam::${ACCOUNT_ID}:role/${physical}`, name: physical });
                id = physical;
                break;
            case "aws:fis/experimentTemplate:ExperimentTemplate":
                id = `EXT${createHash("sha1").update(args.name).digest("hex").slice(0, 14).toUpperCase()}`;
                Object.assign(state, { arn: arn("fis", `experiment-template/${id}`) });
                break;
            case "aws:ecs/cluster:Cluster":
                Object.assign(state, { arn: arn("ecs", `cluster/${physical}`) });
                break;
            case "aws:ecs/taskDefinition:TaskDefinition":
                Object.assign(state, { arn: arn("ecs", `task-definition/${inputs.family}:1`), arnWithoutRevision: arn("ecs", `task-definition/${inputs.family}`), revision: 1 });
                break;
            case "aws:s3/bucket:Bucket": {
                const bucket = inputs.bucket ?? `${inputs.bucketPrefix ?? args.name}20261130000000000001`;
                Object.assign(state, { bucket, arn: `arn:aws:s3:::${bucket}` });
                id = bucket;
                break;
            }
            case "aws:cloudwatch/logGroup:LogGroup":
                Object.assign(state, { arn: arn("logs", `log-group:${physical}`) });
                id = physical;
                break;
            case "aws:cloudwatch/eventRule:EventRule":
                Object.assign(state, { arn: arn("events", `rule/${physical}`) });
                id = physical;
                break;
            case "aws:kms/key:Key":
                id = "6f1c2a9e-8d1b-4c7e-9a3f-" + createHash("sha1").update(args.name).digest("hex").slice(0, 12);
                Object.assign(state, { arn: arn("kms", `key/${id}`), keyId: id });
                break;
            default:
                if (args.type.startsWith("aws:")) {
                    const service = args.type.split(":")[1]?.split("/")[0] ?? "aws";
                    state.arn = arn(service, physical);
                }
        }
        return { id, state };
    }

    call(args: MockCallArgs): MockCallResult {
        switch (args.token) {
            case "aws:index/getCallerIdentity:getCallerIdentity":
                return { accountId: ACCOUNT_ID, arn: `arn:aws:iam::${ACCOUNT_ID}:user/ci`, userId: "AIDACI", id: ACCOUNT_ID };
            case "aws:index/getPartition:getPartition":
                return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws", reverseDnsPrefix: "com.amazonaws" };
            case "aws:index/getRegion:getRegion":
                return { name: REGION, region: REGION, id: REGION, description: "Europe (Frankfurt)", endpoint: `ec2.${REGION}.amazonaws.com` };
            default:
                return args.inputs;
        }
    }
}
