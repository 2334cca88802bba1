import { LOCAL_DEFAULTS } from "../defaults";
import type { LocalSpec } from "../model";
import { Fields, atLeast, between, startsWith } from "../read";

const PATH = "resilience:local";

export function readLocal(raw: unknown): LocalSpec {
    const f = Fields.of(PATH, raw, ["portBase", "stateDir", "patroni", "haproxy"]);
    const portBase = f.integer("portBase", LOCAL_DEFAULTS.portBase, between(1024, 65000));
    const stateDir = f.nullableString("stateDir", startsWith("/"));

    const p = Fields.of(f.at("patroni"), f.value("patroni"), ["ttlSeconds", "loopWaitSeconds", "retryTimeoutSeconds"]);
    const d = LOCAL_DEFAULTS.patroni;
    // ttl's rule involves fields listed after it: checked with their values when those are integers,
    // and otherwise left to their own checks, which come next.
    const loopWait = peekInteger(p.value("loopWaitSeconds"), d.loopWaitSeconds);
    const retryTimeout = peekInteger(p.value("retryTimeoutSeconds"), d.retryTimeoutSeconds);
    const ttlSeconds = p.integer("ttlSeconds", d.ttlSeconds, (v) => {
        if (loopWait === undefined || retryTimeout === undefined) {
            return undefined;
        }
        const floor = loopWait + 2 * retryTimeout;
        return v >= floor ? undefined : `must be >= loopWaitSeconds + 2 x retryTimeoutSeconds (${floor}), got ${v}`;
    });
    const patroni = {
        ttlSeconds,
        loopWaitSeconds: p.integer("loopWaitSeconds", d.loopWaitSeconds, atLeast(1)),
        retryTimeoutSeconds: p.integer("retryTimeoutSeconds", d.retryTimeoutSeconds, atLeast(1)),
    };

    const h = Fields.of(f.at("haproxy"), f.value("haproxy"), ["checkIntervalMs", "fall", "rise"]);
    const haproxy = {
        checkIntervalMs: h.integer("checkIntervalMs", LOCAL_DEFAULTS.haproxy.checkIntervalMs, between(50, 60000)),
        fall: h.integer("fall", LOCAL_DEFAULTS.haproxy.fall, atLeast(1)),
        rise: h.integer("rise", LOCAL_DEFAULTS.haproxy.rise, atLeast(1)),
    };
    return { portBase, stateDir, patroni, haproxy };
}

function peekInteger(value: unknown, fallback: number): number | undefined {
    if (value === undefined) {
        return fallback;
    }
    return typeof value === "number" && Number.isInteger(value) ? value : undefined;
}
