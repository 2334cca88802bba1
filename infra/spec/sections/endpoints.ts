import { ENDPOINT_DEFAULTS } from "../defaults";
import { fail } from "../errors";
import type { EndpointsSpec } from "../model";
import { Fields, maxLength, resourceName, show } from "../read";

const PATH = "resilience:endpoints";

export function readEndpoints(raw: unknown): EndpointsSpec {
    const f = Fields.of(PATH, raw);
    const write = readName(f.at("write"), f.value("write"), ENDPOINT_DEFAULTS.write);
    const read = readName(f.at("read"), f.value("read"), ENDPOINT_DEFAULTS.read);
    f.end();
    if (read === write) {
        fail(`${PATH}.read.name`, `must differ from write.name, both are ${show(read)}`);
    }
    return { write: { name: write }, read: { name: read } };
}

function readName(path: string, raw: unknown, fallback: string): string {
    const f = Fields.of(path, raw);
    const name = f.string("name", fallback, resourceName, maxLength(63));
    f.end();
    return name;
}
