/** Fixed facts of the Kubernetes (CloudNativePG) realization, named once. */

export const OPERATOR_NAMESPACE = "cnpg-system";
export const OPERATOR_CHART = "cloudnative-pg";
export const OPERATOR_CHART_REPO = "https://cloudnative-pg.github.io/charts";
/**
 * The oldest chart the program accepts: 0.29.0 ships CloudNativePG 1.30.0 (checked upstream: the
 * cloudnative-pg/charts tag `cloudnative-pg-v0.29.0`, commit d1b5ad6 of 2026-06-29, declares
 * appVersion 1.30.0 in charts/cloudnative-pg/Chart.yaml; 0.28.0 declares 1.29.0). Older operators are out of
 * support (1.26 reached end of life on 2025-11-12) or lack the Cluster scale selector a
 * HorizontalPodAutoscaler needs (added in 1.28.4 / 1.29.2 / 1.30.0).
 */
export const MIN_OPERATOR_CHART = "0.29.0";

export const POSTGRES_IMAGE = "ghcr.io/cloudnative-pg/postgresql";
export const POSTGRES_PORT = 5432;

/**
 * The HealthProbes image (src/HealthProbes, built by healthprobes.Dockerfile and .github/workflows/healthprobes-image.yml)
 * when the config key `healthprobes:image` is not set; `example` is this repository's stand-in owner: set yours.
 */
export const DEFAULT_HEALTHPROBES_IMAGE = "ghcr.io/example/resilience/healthprobes:latest";

/** The label HealthProbes sets on a replica pod whose warm-up gate is open. */
export const WARM_LABEL = "resilience.dev/warm";

/**
 * CloudNativePG bounds a replica's readiness by lag in bytes, the spec by lag in seconds. This is
 * the WAL rate assumed to convert one into the other; HealthProbes enforces the seconds exactly.
 */
export const ASSUMED_WAL_BYTES_PER_SECOND = 16 * 1024 * 1024;

/** Requests (= limits: Guaranteed QoS) for the spec's instance classes on Kubernetes. */
export const INSTANCE_CLASSES: Readonly<Record<string, { cpu: string; memory: string }>> = {
    small: { cpu: "1", memory: "2Gi" },
    medium: { cpu: "2", memory: "4Gi" },
    large: { cpu: "4", memory: "8Gi" },
    xlarge: { cpu: "8", memory: "16Gi" },
};
