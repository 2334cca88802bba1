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

/** Namespace and metric the warm-up gate (HealthProbes) publishes its count of healthy, warm readers to. */
export const WARMUP_GATE_NAMESPACE = "Resilience/WarmupGate";
export const HEALTHY_WARM_REPLICAS_METRIC = "HealthyWarmReplicas";

/** RDS identifiers (clusters, instances, custom endpoints) are at most 63 characters. */
export const MAX_RDS_IDENTIFIER_LENGTH = 63;
