import { KUBERNETES_DEFAULTS } from "../defaults";
import type { KubernetesSpec } from "../model";
import { Fields, isAbsent, matches, maxLength, nonEmpty } from "../read";

const PATH = "resilience:kubernetes";

const dnsLabel = [matches(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "a DNS label ([a-z0-9]([-a-z0-9]*[a-z0-9])?)"), maxLength(63)];

export function readKubernetes(raw: unknown): KubernetesSpec | null {
    if (isAbsent(raw)) {
        return null;
    }
    const f = Fields.of(PATH, raw);
    const kubernetes: KubernetesSpec = {
        namespace: f.string("namespace", KUBERNETES_DEFAULTS.namespace, ...dnsLabel),
        storageClass: f.nullableString("storageClass", nonEmpty),
        zones: f.stringList("zones", [], { rules: [nonEmpty] }),
        operatorChartVersion: f.string("operatorChartVersion", KUBERNETES_DEFAULTS.operatorChartVersion, nonEmpty),
    };
    f.end();
    return kubernetes;
}
