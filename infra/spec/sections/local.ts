import { LOCAL_DEFAULTS } from "../defaults";
import { fail } from "../errors";
import type { LocalSpec } from "../model";
import { Fields, atLeast, between, nonEmpty, startsWith } from "../read";

const PATH = "resilience:local";

export function readLocal(raw: unknown): LocalSpec {
    const f = Fields.of(PATH, raw);
    const local: LocalSpec = {
        portBase: f.integer("portBase", LOCAL_DEFAULTS.portBase, between(1024, 65000)),
        stateDir: f.nullableString("stateDir", nonEmpty, startsWith("/")),
        patroni: readPatroni(f.at("patroni"), f.value("patroni")),
        haproxy: readHaproxy(f.at("haproxy"), f.value("haproxy")),
    };
    f.end();
    return local;
}

/** ttl's rule involves the fields after it, so it is checked once all three are read. */
function readPatroni(path: string, raw: unknown): LocalSpec["patroni"] {
    const d = LOCAL_DEFAULTS.patroni;
    const f = Fields.of(path, raw);
    const patroni = {
        ttlSeconds: f.integer("ttlSeconds", d.ttlSeconds, atLeast(1)),
        loopWaitSeconds: f.integer("loopWaitSeconds", d.loopWaitSeconds, atLeast(1)),
        retryTimeoutSeconds: f.integer("retryTimeoutSeconds", d.retryTimeoutSeconds, atLeast(1)),
    };
    f.end();
    const floor = patroni.loopWaitSeconds + 2 * patroni.retryTimeoutSeconds;
    if (patroni.ttlSeconds < floor) {
        // Patroni's own rule: a shorter ttl lets the leader key expire during a retry, a false failover.
        fail(f.at("ttlSeconds"), `must be >= loopWaitSeconds + 2 x retryTimeoutSeconds (${floor}), got ${patroni.ttlSeconds}`);
    }
    return patroni;
}

function readHaproxy(path: string, raw: unknown): LocalSpec["haproxy"] {
    const d = LOCAL_DEFAULTS.haproxy;
    const f = Fields.of(path, raw);
    const haproxy = {
        checkIntervalMs: f.integer("checkIntervalMs", d.checkIntervalMs, between(50, 60000)),
        fall: f.integer("fall", d.fall, atLeast(1)),
        rise: f.integer("rise", d.rise, atLeast(1)),
    };
    f.end();
    return haproxy;
}
