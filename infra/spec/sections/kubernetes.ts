import { KUBERNETES_DEFAULTS } from "../defaults";
import type { KubernetesSpec } from "../model";
import { Fields, matches, maxLength, nonEmpty } from "../read";

const PATH = "resilience:kubernetes";

const dnsLabel = [matches(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "a DNS label ([a-z0-9]([-a-z0-9]*[a-z0-9])?)"), maxLength(63)];

export function readKubernetes(raw: unknown): KubernetesSpec | null {
    if (raw === undefined || raw === null) {
        return null;
    }
    const f = Fields.of(PATH, raw, ["namespace", "storageClass", "zones", "operatorChartVersion"]);
    return {
        namespace: f.string("namespace", KUBERNETES_DEFAULTS.namespace, ...dnsLabel),
        storageClass: f.nullableString("storageClass"),
        zones: f.stringList("zones", []),
        operatorChartVersion: f.string("operatorChartVersion", KUBERNETES_DEFAULTS.operatorChartVersion, nonEmpty),
    };
}
