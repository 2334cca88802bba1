/** Fixed facts of the AWS realization, named once. */

export const AURORA_ENGINE = "aurora-postgresql";
export const POSTGRES_PORT = 5432;

/** The IAM actions FIS needs to write an experiment log to CloudWatch Logs (FIS user guide, monitoring-logging). */
export const FIS_LOG_DELIVERY_ACTIONS = [
    "logs:CreateLogDelivery",
    "logs:PutResourcePolicy",
    "logs:DescribeResourcePolicies",
    "logs:DescribeLogGroups",
] as const;

/** The FIS quota on stop conditions per experiment template. */
export const FIS_MAX_STOP_CONDITIONS = 5;

/**
 * Namespace and metric the warm-up gate controller publishes its count of healthy, warm readers to
 * (the readers in the custom warm-readers endpoint), with the one dimension `DBClusterIdentifier`
 * (alarmMetrics.ts `dimensionsOf`). The controller is `healthprobes gate` (src/HealthProbes), run by warmupGateService.ts.
 * The alarm on it, the FIS stop conditions (which name that alarm) and the policy pack's required
 * alarm kinds all read these two names; on Kubernetes the same count is the warm-readers Service's
 * ready endpoints (kubernetes/alarmExpressions.ts), since the label gate there is the readiness itself.
 */
export const WARMUP_GATE_NAMESPACE = "Resilience/WarmupGate";
export const HEALTHY_WARM_REPLICAS_METRIC = "HealthyWarmReplicas";

/** RDS identifiers (clusters, instances, custom endpoints) are at most 63 characters. */
export const MAX_RDS_IDENTIFIER_LENGTH = 63;
