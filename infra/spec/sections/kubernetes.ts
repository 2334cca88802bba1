import { KUBERNETES_DEFAULTS } from "../defaults";
import type { KubernetesSpec } from "../model";
import { fail } from "../errors";
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
        backupDestinationPath: f.nullableString("backupDestinationPath", matches(/^(s3|gs):\/\/[a-z0-9][a-z0-9.-]+[a-z0-9](\/.*)?$|^https:\/\/.+/, "an object store URL (s3://bucket/path, gs://bucket/path or https://...)")),
        backupRoleArn: f.nullableString("backupRoleArn", matches(/^arn:aws(-cn|-us-gov)?:iam::[0-9]{12}:role\/[A-Za-z0-9+=,.@_/-]+$/, "an IAM role ARN arn:aws:iam::<12-digit account>:role/<name>")),
        monitoring: f.boolean("monitoring", KUBERNETES_DEFAULTS.monitoring),
        monitoringLabels: f.stringList("monitoringLabels", KUBERNETES_DEFAULTS.monitoringLabels, { unique: true, rules: [matches(/^([a-z0-9.-]+\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?=([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/, "a Kubernetes label key=value")] }),
    };
    f.end();
    if (kubernetes.backupDestinationPath?.startsWith("s3://") === true && kubernetes.backupRoleArn === null) {
        fail(f.at("backupRoleArn"), "is required with an s3:// backupDestinationPath (the pods reach the bucket through this role, no stored keys)");
    }
    return kubernetes;
}
