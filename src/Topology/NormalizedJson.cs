using System.Text.Json;
using System.Text.Json.Nodes;
using Resilience.Topology.Internal;

namespace Resilience.Topology;

/// <summary>
/// The normalized form of a spec (docs/configuration.md, "Normalized form"): what infra/config.ts produces too,
/// so the two readers can be compared.
/// </summary>
public static class NormalizedJson
{
    /// <summary>The spec as a JSON object; secrets appear as <c>"[secret]"</c>.</summary>
    public static JsonObject From(StackSpec spec) => new()
    {
        ["platform"] = SpecReader.CamelCase(spec.Platform.ToString()),
        ["environment"] = SpecReader.CamelCase(spec.Environment.ToString()),
        ["database"] = Database(spec.Database),
        ["replicaGroups"] = Array(spec.ReplicaGroups, ReplicaGroup),
        ["endpoints"] = new JsonObject
        {
            ["write"] = new JsonObject { ["name"] = spec.Endpoints.WriteName },
            ["read"] = new JsonObject { ["name"] = spec.Endpoints.ReadName },
        },
        ["alarms"] = Array(spec.Alarms, Alarm),
        ["recoveryTargets"] = Targets(spec.RecoveryTargets),
        ["cells"] = Array(spec.Cells, c => new JsonObject { ["name"] = c.Name, ["database"] = c.Database }),
        ["gameday"] = new JsonObject
        {
            ["scenarios"] = Strings(spec.Gameday.Scenarios),
            ["schedule"] = spec.Gameday.Schedule,
            ["image"] = spec.Gameday.Image,
            ["targets"] = new JsonObject(spec.Gameday.Targets.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)Targets(t.Value)))),
        },
        ["backup"] = new JsonObject
        {
            ["schedule"] = spec.Backup.Schedule,
            ["retentionFullBackups"] = spec.Backup.RetentionFullBackups,
            ["targets"] = new JsonObject
            {
                ["restoreSeconds"] = spec.Backup.Targets.RestoreSeconds,
                ["recoveryPointSeconds"] = spec.Backup.Targets.RecoveryPointSeconds,
            },
        },
        ["notifications"] = new JsonObject
        {
            ["emails"] = Strings(spec.Notifications.Emails),
            ["webhookUrl"] = spec.Notifications.WebhookUrl?.ToString(),
        },
        ["local"] = Local(spec.Local),
        ["aws"] = spec.Aws is { } aws ? Aws(aws) : null,
        ["kubernetes"] = spec.Kubernetes is { } k ? Kubernetes(k) : null,
    };

    /// <summary>The normalized form as indented JSON text.</summary>
    public static string Serialize(StackSpec spec) => From(spec).ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    private static JsonObject Database(DatabaseSpec d) => new()
    {
        ["engineVersion"] = d.EngineVersion,
        ["instanceClass"] = d.InstanceClass,
        ["storageGb"] = d.StorageGb,
        ["synchronousReplication"] = d.SynchronousReplication,
        ["backupRetentionDays"] = d.BackupRetentionDays,
        ["deletionProtection"] = d.DeletionProtection,
        ["allowMajorVersionUpgrade"] = d.AllowMajorVersionUpgrade,
        ["kmsKeyId"] = d.KmsKeyId,
        ["databaseName"] = d.DatabaseName,
        ["masterUsername"] = d.MasterUsername,
        ["upgradeEvidence"] = d.UpgradeEvidence is { } e
            ? new JsonObject { ["version"] = e.Version, ["stack"] = e.Stack, ["report"] = e.Report }
            : null,
        ["maintenanceWindow"] = d.MaintenanceWindow,
        ["backupWindow"] = d.BackupWindow,
    };

    private static JsonObject ReplicaGroup(ReplicaGroupSpec g) => new()
    {
        ["name"] = g.Name,
        ["size"] = new JsonObject { ["min"] = g.Size.Min, ["desired"] = g.Size.Desired, ["max"] = g.Size.Max },
        ["instanceClass"] = g.InstanceClass,
        ["promotionTier"] = g.PromotionTier,
        ["autoscaling"] = g.Autoscaling is { } a
            ? new JsonObject
            {
                ["targetCpuPercent"] = a.TargetCpuPercent,
                ["sustainSeconds"] = a.SustainSeconds,
                ["scaleInCooldownSeconds"] = a.ScaleInCooldownSeconds,
            }
            : null,
        ["warmup"] = new JsonObject
        {
            ["relations"] = g.Warmup.Relations is { } r ? Strings(r) : "all",
            ["databases"] = Strings(g.Warmup.Databases),
            ["fullStorageRead"] = g.Warmup.FullStorageRead,
            ["maxReplayLagSeconds"] = g.Warmup.MaxReplayLagSeconds,
            ["minWarmSeconds"] = g.Warmup.MinWarmSeconds,
            ["lagGraceSeconds"] = g.Warmup.LagGraceSeconds,
            ["ioRateMbPerSecond"] = g.Warmup.IoRateMbPerSecond,
        },
    };

    private static JsonObject Alarm(AlarmSpec a) => new()
    {
        ["name"] = a.Name,
        ["metric"] = SpecReader.CamelCase(a.Metric.ToString()),
        ["comparison"] = SpecReader.CamelCase(a.Comparison.ToString()),
        ["threshold"] = a.Threshold,
        ["periodSeconds"] = a.PeriodSeconds,
        ["evaluationPeriods"] = a.EvaluationPeriods,
    };

    private static JsonObject Targets(RecoveryTargets t)
    {
        var o = new JsonObject();
        foreach (var (name, value) in t.ByName)
        {
            o[name] = value;
        }

        return o;
    }

    private static JsonObject Local(LocalPlatformSpec l) => new()
    {
        ["portBase"] = l.PortBase,
        ["stateDir"] = l.StateDir,
        ["patroni"] = new JsonObject
        {
            ["ttlSeconds"] = l.Patroni.TtlSeconds,
            ["loopWaitSeconds"] = l.Patroni.LoopWaitSeconds,
            ["retryTimeoutSeconds"] = l.Patroni.RetryTimeoutSeconds,
        },
        ["haproxy"] = new JsonObject
        {
            ["checkIntervalMs"] = l.Haproxy.CheckIntervalMs,
            ["fall"] = l.Haproxy.Fall,
            ["rise"] = l.Haproxy.Rise,
        },
    };

    private static JsonObject Aws(AwsPlatformSpec a) => new()
    {
        ["vpcId"] = a.VpcId,
        ["subnetIds"] = Strings(a.SubnetIds),
        ["availabilityZones"] = Strings(a.AvailabilityZones),
        ["allowedSecurityGroupIds"] = Strings(a.AllowedSecurityGroupIds),
        ["performanceInsightsRetentionDays"] = a.PerformanceInsightsRetentionDays,
    };

    private static JsonObject Kubernetes(KubernetesPlatformSpec k) => new()
    {
        ["namespace"] = k.Namespace,
        ["storageClass"] = k.StorageClass,
        ["zones"] = Strings(k.Zones),
        ["operatorChartVersion"] = k.OperatorChartVersion,
        ["backupDestinationPath"] = k.BackupDestinationPath,
        ["backupRoleArn"] = k.BackupRoleArn,
        ["monitoring"] = k.Monitoring,
        ["monitoringLabels"] = Strings(k.MonitoringLabels ?? SpecDefaults.MonitoringLabels),
    };

    private static JsonArray Strings(IEnumerable<string> items) => new([.. items.Select(i => JsonValue.Create(i))]);

    private static JsonArray Array<T>(IEnumerable<T> items, Func<T, JsonObject> map) => new([.. items.Select(map)]);
}
