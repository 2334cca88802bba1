import { ENDPOINT_DEFAULTS } from "../defaults";
import type { EndpointsSpec } from "../model";
import { Fields, resourceName, show } from "../read";

const PATH = "resilience:endpoints";

export function readEndpoints(raw: unknown): EndpointsSpec {
    const f = Fields.of(PATH, raw, ["write", "read"]);
    const write = Fields.of(f.at("write"), f.value("write"), ["name"]).string("name", ENDPOINT_DEFAULTS.write, resourceName);
    const read = Fields.of(f.at("read"), f.value("read"), ["name"]).string("name", ENDPOINT_DEFAULTS.read, resourceName, (v) =>
        v === write ? `must differ from write.name, both are ${show(v)}` : undefined,
    );
    return { write: { name: write }, read: { name: read } };
}
