/**
 * Validates Kubernetes manifests against the OpenAPI v3 schemas of the CustomResourceDefinitions an
 * operator publishes (test/data), with Ajv as the JSON Schema validator. Like an API server with
 * strict field validation, an unknown field is an error (unless the schema preserves unknown
 * fields), and `x-kubernetes-int-or-string` accepts either. What an API server does beyond the
 * schema (CEL `x-kubernetes-validations`, defaulting, admission webhooks) is not run here.
 */
import Ajv from "ajv";
import type { ValidateFunction } from "ajv";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";

type Schema = Record<string, unknown>;

/** The schema as an API server applies it: closed objects, int-or-string as either type. */
function strict(schema: Schema): Schema {
    const out: Schema = {};
    for (const [key, value] of Object.entries(schema)) {
        if (key === "x-kubernetes-validations") {
            continue;
        }
        if (key === "properties" && typeof value === "object" && value !== null) {
            out[key] = Object.fromEntries(Object.entries(value as Record<string, Schema>).map(([k, v]) => [k, strict(v)]));
        } else if ((key === "items" || key === "additionalProperties") && typeof value === "object" && value !== null) {
            out[key] = strict(value as Schema);
        } else if ((key === "anyOf" || key === "allOf" || key === "oneOf") && Array.isArray(value)) {
            out[key] = (value as Schema[]).map(strict);
        } else {
            out[key] = value;
        }
    }
    if (out["x-kubernetes-int-or-string"] === true) {
        delete out.type;
        if (out.anyOf === undefined) {
            out.anyOf = [{ type: "integer" }, { type: "string" }];
        }
    }
    const open = out["x-kubernetes-preserve-unknown-fields"] === true || out.additionalProperties !== undefined;
    if (out.properties !== undefined && !open) {
        out.additionalProperties = false;
    }
    return out;
}

/** A validator per `apiVersion/kind` of the CRDs in one file. */
export function crdValidators(file: string): Map<string, ValidateFunction> {
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const validators = new Map<string, ValidateFunction>();
    for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
        const crd = document.toJS() as { kind?: string; spec?: { group: string; names: { kind: string }; versions: { name: string; schema?: { openAPIV3Schema: Schema } }[] } };
        if (crd?.kind !== "CustomResourceDefinition" || crd.spec === undefined) {
            continue;
        }
        for (const version of crd.spec.versions) {
            if (version.schema !== undefined) {
                validators.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, ajv.compile(strict(version.schema.openAPIV3Schema)));
            }
        }
    }
    return validators;
}

export const CNPG_CRDS = join(__dirname, "data", "cloudnative-pg-1.30.0-crds.yaml");

/** The schema errors of a manifest (`<path> <message>`), or a line saying no CRD defines its kind. */
export function schemaErrors(validators: Map<string, ValidateFunction>, manifest: { apiVersion: string; kind: string; [field: string]: unknown }): string[] {
    const validate = validators.get(`${manifest.apiVersion}/${manifest.kind}`);
    if (validate === undefined) {
        return [`no CRD defines ${manifest.apiVersion} ${manifest.kind}`];
    }
    return validate(manifest) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
}
