using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Resilience.Topology.Internal;

/// <summary>
/// Reads the <c>resilience:*</c> keys section by section, in the order of docs/configuration.md, applying
/// defaults and stopping at the first bad value (infra/config.ts follows the same order, so both readers
/// name the same key).
/// </summary>
internal sealed partial class SpecReader(string file, string stackName, YamlMappingNode config)
{
    private const string Prefix = "resilience:";

    private static readonly string[] Sections =
        ["platform", "database", "replicaGroups", "endpoints", "alarms", "recoveryTargets", "cells", "gameday", "notifications", "local", "aws", "kubernetes"];

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex NameRegex();

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex IdentifierRegex();

    [GeneratedRegex(@"^\d+(\.\d+)?$")]
    private static partial Regex VersionRegex();

    [GeneratedRegex("^[a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*$")]
    private static partial Regex QualifiedTableRegex();

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabelRegex();

    public StackSpec Read()
    {
        RejectUnknownSections();
        var platform = ReadPlatform(Section("platform"));
        var database = ReadDatabase(Section("database"), platform);
        var groups = ReadReplicaGroups(Section("replicaGroups"), database);
        var endpoints = ReadEndpoints(Section("endpoints"));
        var alarms = ReadAlarms(Section("alarms"), platform);
        var targets = ReadRecoveryTargets(Section("recoveryTargets"), database);
        var cells = ReadCells(Section("cells"), database);
        var gameday = ReadGameday(Section("gameday"));
        var notifications = ReadNotifications(Section("notifications"));
        var local = ReadLocal(Section("local"));
        var aws = ReadAws(Section("aws"), platform);
        var kubernetes = ReadKubernetes(Section("kubernetes"));
        return new StackSpec(stackName, platform, database, groups, endpoints, alarms, targets, cells, gameday, notifications, local, aws, kubernetes);
    }

    private void RejectUnknownSections()
    {
        foreach (var key in config.Children.Keys.OfType<YamlScalarNode>())
        {
            var name = key.Value ?? "";
            if (name.StartsWith(Prefix, StringComparison.Ordinal) && !Sections.Contains(name[Prefix.Length..]))
            {
                throw new StackFileException(file, name, $"unknown key (known: {string.Join(", ", Sections.Select(s => Prefix + s))})");
            }
        }
    }

    private ConfigNode? Section(string name)
    {
        var key = Prefix + name;
        var entry = config.Children.FirstOrDefault(kv => kv.Key is YamlScalarNode { Value: var k } && k == key);
        return entry.Value is null || ConfigObject.IsNull(entry.Value) ? null : new ConfigNode(file, key, entry.Value);
    }

    private static Platform ReadPlatform(ConfigNode? node) => node?.AsString() switch
    {
        null or "local" => Platform.Local,
        "aws" => Platform.Aws,
        "kubernetes" => Platform.Kubernetes,
        var other => throw node.Error($"must be local, aws or kubernetes, got '{other}'"),
    };

    private static DatabaseSpec ReadDatabase(ConfigNode? node, Platform platform)
    {
        if (node is null)
        {
            return new DatabaseSpec(SpecDefaults.EngineVersion, SpecDefaults.InstanceClass, SpecDefaults.StorageGb, true,
                SpecDefaults.BackupRetentionDays, false, false, null, SpecDefaults.DatabaseName, SpecDefaults.MasterUsername, null);
        }

        var o = node.AsObject();
        var engineVersion = Version(o.Field("engineVersion")) ?? SpecDefaults.EngineVersion;
        var instanceClassNode = o.Field("instanceClass");
        var instanceClass = instanceClassNode?.AsNonEmptyString() ?? SpecDefaults.InstanceClass;
        if (platform == Platform.Aws && !instanceClass.StartsWith("db.", StringComparison.Ordinal))
        {
            throw (instanceClassNode ?? node).Error($"must start with 'db.' on aws, got '{instanceClass}'");
        }

        var storage = o.Field("storageGb")?.AsInt(1, 65536) ?? SpecDefaults.StorageGb;
        var synchronous = o.Field("synchronousReplication")?.AsBool() ?? true;
        var retention = o.Field("backupRetentionDays")?.AsInt(1, 35) ?? SpecDefaults.BackupRetentionDays;
        var deletionProtection = o.Field("deletionProtection")?.AsBool() ?? false;
        var allowMajor = o.Field("allowMajorVersionUpgrade")?.AsBool() ?? false;
        var kmsNode = o.Field("kmsKeyId");
        var kms = kmsNode?.AsNonEmptyString();
        if (kms is not null && !kms.StartsWith("arn:", StringComparison.Ordinal))
        {
            throw kmsNode!.Error($"must be a KMS key ARN (arn:...), got '{kms}'");
        }

        var databaseName = Identifier(o.Field("databaseName")) ?? SpecDefaults.DatabaseName;
        var masterUsername = Identifier(o.Field("masterUsername")) ?? SpecDefaults.MasterUsername;
        var evidence = o.Field("upgradeEvidence") is { } e ? ReadUpgradeEvidence(e) : null;
        o.RejectUnknownFields();
        return new DatabaseSpec(engineVersion, instanceClass, storage, synchronous, retention, deletionProtection, allowMajor, kms, databaseName, masterUsername, evidence);
    }

    private static UpgradeEvidence ReadUpgradeEvidence(ConfigNode node)
    {
        var o = node.AsObject();
        var evidence = new UpgradeEvidence(
            Version(o.Required("version"))!,
            o.Required("stack").AsNonEmptyString(),
            o.Required("report").AsNonEmptyString());
        o.RejectUnknownFields();
        return evidence;
    }

    private static IReadOnlyList<ReplicaGroupSpec> ReadReplicaGroups(ConfigNode? node, DatabaseSpec database)
    {
        if (node is null)
        {
            return [new ReplicaGroupSpec(SpecDefaults.GroupName, SpecDefaults.GroupSize, database.InstanceClass, SpecDefaults.PromotionTier, null, DefaultWarmup(database))];
        }

        var items = node.AsList();
        if (items.Count == 0)
        {
            throw node.Error("needs at least one replica group");
        }

        var groups = items.Select(item => ReadReplicaGroup(item, database)).ToList();
        RejectDuplicateNames(node, groups.Select(g => g.Name));
        return groups;
    }

    private static ReplicaGroupSpec ReadReplicaGroup(ConfigNode node, DatabaseSpec database)
    {
        var o = node.AsObject();
        var name = Name(o.Required("name"), 32);
        var size = o.Field("size") is { } s ? ReadGroupSize(s) : SpecDefaults.GroupSize;
        var instanceClass = o.Field("instanceClass")?.AsNonEmptyString() ?? database.InstanceClass;
        var tier = o.Field("promotionTier")?.AsInt(0, 15) ?? SpecDefaults.PromotionTier;
        var autoscaling = o.Field("autoscaling") is { } a ? ReadAutoscaling(a) : null;
        var warmup = o.Field("warmup") is { } w ? ReadWarmup(w, database) : DefaultWarmup(database);
        o.RejectUnknownFields();
        return new ReplicaGroupSpec(name, size, instanceClass, tier, autoscaling, warmup);
    }

    private static GroupSize ReadGroupSize(ConfigNode node)
    {
        var o = node.AsObject();
        var min = o.Field("min")?.AsInt(0, int.MaxValue) ?? SpecDefaults.GroupSize.Min;
        var desired = o.Field("desired")?.AsInt(0, int.MaxValue) ?? SpecDefaults.GroupSize.Desired;
        var max = o.Field("max")?.AsInt(0, SpecDefaults.MaxGroupSize) ?? SpecDefaults.GroupSize.Max;
        o.RejectUnknownFields();
        if (min > desired)
        {
            throw node.Error($"min {min} > desired {desired}");
        }

        return desired > max ? throw node.Error($"desired {desired} > max {max}") : new GroupSize(min, desired, max);
    }

    private static AutoscalingSpec ReadAutoscaling(ConfigNode node)
    {
        var o = node.AsObject();
        var spec = new AutoscalingSpec(
            o.Field("targetCpuPercent")?.AsNumber(0, 100, exclusiveMin: true) ?? SpecDefaults.TargetCpuPercent,
            o.Field("sustainSeconds")?.AsInt(1, int.MaxValue) ?? SpecDefaults.SustainSeconds,
            o.Field("scaleInCooldownSeconds")?.AsInt(0, int.MaxValue) ?? SpecDefaults.ScaleInCooldownSeconds);
        o.RejectUnknownFields();
        return spec;
    }

    private static WarmupPolicy DefaultWarmup(DatabaseSpec database) =>
        new(null, [database.DatabaseName], false, SpecDefaults.MaxReplayLagSeconds, SpecDefaults.MinWarmSeconds, SpecDefaults.LagGraceSeconds, 0);

    private static WarmupPolicy ReadWarmup(ConfigNode node, DatabaseSpec database)
    {
        var o = node.AsObject();
        var relations = o.Field("relations") is { } r ? ReadRelations(r) : null;
        var databasesNode = o.Field("databases");
        IReadOnlyList<string> databases = databasesNode is null ? [database.DatabaseName] : databasesNode.AsList().Select(d => Identifier(d)!).ToList();
        if (databases.Count == 0)
        {
            throw databasesNode!.Error("needs at least one database");
        }

        var policy = new WarmupPolicy(
            relations,
            databases,
            o.Field("fullStorageRead")?.AsBool() ?? false,
            o.Field("maxReplayLagSeconds")?.AsNumber(0, double.MaxValue, exclusiveMin: true) ?? SpecDefaults.MaxReplayLagSeconds,
            o.Field("minWarmSeconds")?.AsNumber(0, double.MaxValue) ?? SpecDefaults.MinWarmSeconds,
            o.Field("lagGraceSeconds")?.AsNumber(0, double.MaxValue) ?? SpecDefaults.LagGraceSeconds,
            o.Field("ioRateMbPerSecond")?.AsNumber(0, double.MaxValue) ?? 0);
        o.RejectUnknownFields();
        return policy;
    }

    /// <summary>Null means every user relation (<c>relations: all</c>).</summary>
    private static List<string>? ReadRelations(ConfigNode node)
    {
        if (!node.IsList)
        {
            var text = node.AsString();
            return text == "all" ? null : throw node.Error($"must be 'all' or a list of schema.table names, got '{text}'");
        }

        var relations = node.AsList().Select(item =>
        {
            var name = item.AsNonEmptyString();
            return QualifiedTableRegex().IsMatch(name) ? name : throw item.Error($"must be a schema.table name, got '{name}'");
        }).ToList();
        return relations.Count == 0 ? throw node.Error("must be 'all' or a non-empty list of schema.table names") : relations;
    }

    private static EndpointsSpec ReadEndpoints(ConfigNode? node)
    {
        if (node is null)
        {
            return new EndpointsSpec(SpecDefaults.WriteEndpoint, SpecDefaults.ReadEndpoint);
        }

        var o = node.AsObject();
        var write = o.Field("write") is { } w ? EndpointName(w) : SpecDefaults.WriteEndpoint;
        var readNode = o.Field("read");
        var read = readNode is null ? SpecDefaults.ReadEndpoint : EndpointName(readNode);
        o.RejectUnknownFields();
        return read == write
            ? throw new StackFileException(node.File, $"{node.Path}.read.name", $"must differ from write.name, both are '{read}'")
            : new EndpointsSpec(write, read);
    }

    private static string EndpointName(ConfigNode node)
    {
        var o = node.AsObject();
        var name = o.Field("name") is { } n ? Name(n, 63) : throw new StackFileException(node.File, $"{node.Path}.name", "is required");
        o.RejectUnknownFields();
        return name;
    }

    private static IReadOnlyList<AlarmSpec> ReadAlarms(ConfigNode? node, Platform platform)
    {
        if (node is null)
        {
            return SpecDefaults.Alarms;
        }

        var alarms = node.AsList().Select(item => ReadAlarm(item, platform)).ToList();
        RejectDuplicateNames(node, alarms.Select(a => a.Name));
        return alarms;
    }

    private static AlarmSpec ReadAlarm(ConfigNode node, Platform platform)
    {
        var o = node.AsObject();
        var name = Name(o.Required("name"), 255);
        var metricNode = o.Required("metric");
        var metricText = metricNode.AsString();
        var metric = Enum.GetValues<AlarmMetric>().FirstOrDefault(m => CamelCase(m.ToString()) == metricText, (AlarmMetric)(-1));
        if (!Enum.IsDefined(metric))
        {
            throw metricNode.Error($"unknown metric '{metricText}' (known: {string.Join(", ", Enum.GetValues<AlarmMetric>().Select(m => CamelCase(m.ToString())))})");
        }

        var comparison = o.Field("comparison") is { } c
            ? c.AsString() switch
            {
                "greaterThan" => AlarmComparison.GreaterThan,
                "lessThan" => AlarmComparison.LessThan,
                var other => throw c.Error($"must be greaterThan or lessThan, got '{other}'"),
            }
            : AlarmComparison.GreaterThan;
        var isPercent = metric is AlarmMetric.PrimaryCpuPercent or AlarmMetric.ReaderCpuPercent;
        var threshold = o.Required("threshold").AsNumber(0, isPercent ? 100 : double.MaxValue);
        var periodNode = o.Field("periodSeconds");
        var period = periodNode?.AsInt(1, int.MaxValue) ?? SpecDefaults.AlarmPeriodSeconds;
        if (platform == Platform.Aws && period is not (10 or 30) && period % 60 != 0)
        {
            throw periodNode!.Error($"must be 10, 30 or a multiple of 60 on aws, got {period}");
        }

        var evaluations = o.Field("evaluationPeriods")?.AsInt(1, int.MaxValue) ?? SpecDefaults.AlarmEvaluationPeriods;
        o.RejectUnknownFields();
        return new AlarmSpec(name, metric, comparison, threshold, period, evaluations);
    }

    private static RecoveryTargets ReadRecoveryTargets(ConfigNode? node, DatabaseSpec database)
    {
        var d = SpecDefaults.RecoveryTargets;
        if (node is null)
        {
            return d;
        }

        var o = node.AsObject();
        var lostWritesNode = o.Field("lostWrites");
        var targets = new RecoveryTargets(
            o.Field("writeUnavailableSeconds")?.AsNumber(0, double.MaxValue) ?? d.WriteUnavailableSeconds,
            o.Field("readerRemovalSeconds")?.AsNumber(0, double.MaxValue) ?? d.ReaderRemovalSeconds,
            o.Field("replacementSeconds")?.AsNumber(0, double.MaxValue) ?? d.ReplacementSeconds,
            o.Field("warmupSeconds")?.AsNumber(0, double.MaxValue) ?? d.WarmupSeconds,
            lostWritesNode?.AsInt(0, int.MaxValue) ?? d.LostWrites,
            o.Field("failedReads")?.AsInt(0, int.MaxValue) ?? d.FailedReads,
            o.Field("failedWrites")?.AsInt(0, int.MaxValue) ?? d.FailedWrites,
            o.Field("coldReads")?.AsInt(0, int.MaxValue) ?? d.ColdReads,
            o.Field("alarmDetectSeconds")?.AsNumber(0, double.MaxValue) ?? d.AlarmDetectSeconds,
            o.Field("falseFailovers")?.AsInt(0, int.MaxValue) ?? d.FalseFailovers);
        o.RejectUnknownFields();
        if (database.SynchronousReplication && targets.LostWrites != 0)
        {
            throw lostWritesNode!.Error($"must be 0 with synchronous replication, got {targets.LostWrites}");
        }

        return targets;
    }

    private static IReadOnlyList<CellSpec> ReadCells(ConfigNode? node, DatabaseSpec database)
    {
        if (node is null)
        {
            return [new CellSpec(SpecDefaults.CellName, database.DatabaseName)];
        }

        var items = node.AsList();
        if (items.Count == 0)
        {
            throw node.Error("needs at least one cell");
        }

        var cells = items.Select(item =>
        {
            var o = item.AsObject();
            var cell = new CellSpec(Name(o.Required("name"), 63), Identifier(o.Field("database")) ?? database.DatabaseName);
            o.RejectUnknownFields();
            return cell;
        }).ToList();
        RejectDuplicateNames(node, cells.Select(c => c.Name));
        return cells;
    }

    private static GamedaySpec ReadGameday(ConfigNode? node)
    {
        if (node is null)
        {
            return new GamedaySpec(SpecDefaults.Scenarios, SpecDefaults.Schedule);
        }

        var o = node.AsObject();
        IReadOnlyList<string> scenarios = SpecDefaults.Scenarios;
        if (o.Field("scenarios") is { } s)
        {
            var items = s.AsList();
            if (items.Count == 0)
            {
                throw s.Error("needs at least one scenario");
            }

            var seen = new HashSet<string>();
            foreach (var item in items)
            {
                var name = item.AsString();
                if (!Scenarios.All.Contains(name))
                {
                    throw item.Error($"unknown scenario '{name}' (known: {string.Join(", ", Scenarios.All)})");
                }

                if (!seen.Add(name))
                {
                    throw item.Error($"scenario '{name}' is listed twice");
                }
            }

            scenarios = [.. seen];
        }

        var scheduleNode = o.Field("schedule");
        var schedule = scheduleNode?.AsString() ?? SpecDefaults.Schedule;
        if (scheduleNode is not null && CronSchedule.Problem(schedule) is { } problem)
        {
            throw scheduleNode.Error(problem);
        }

        o.RejectUnknownFields();
        return new GamedaySpec(scenarios, schedule);
    }

    private static NotificationsSpec ReadNotifications(ConfigNode? node)
    {
        if (node is null)
        {
            return new NotificationsSpec([], null);
        }

        var o = node.AsObject();
        var emails = new List<string>();
        if (o.Field("emails") is { } e)
        {
            foreach (var item in e.AsList())
            {
                var email = item.AsString();
                emails.Add(email.Contains('@', StringComparison.Ordinal) ? email : throw item.Error($"not an email address: '{email}'"));
            }
        }

        ConfigValue? webhook = null;
        if (o.Field("webhookUrl") is { } w)
        {
            webhook = w.IsSecret ? new ConfigValue(w.AsObject().Required("secure").AsString(), IsSecret: true) : new ConfigValue(WebhookUrl(w), false);
        }

        o.RejectUnknownFields();
        return new NotificationsSpec(emails, webhook);
    }

    private static string WebhookUrl(ConfigNode node)
    {
        var url = node.AsString();
        var ok = url.StartsWith("https://", StringComparison.Ordinal)
            || url.StartsWith("http://127.0.0.1", StringComparison.Ordinal)
            || url.StartsWith("http://localhost", StringComparison.Ordinal);
        return ok ? url : throw node.Error($"must be an https:// URL (or http://127.0.0.1 for local), got '{url}'");
    }

    private static LocalPlatformSpec ReadLocal(ConfigNode? node)
    {
        if (node is null)
        {
            return new LocalPlatformSpec(SpecDefaults.PortBase, null, SpecDefaults.Patroni, SpecDefaults.Haproxy);
        }

        var o = node.AsObject();
        var portBase = o.Field("portBase")?.AsInt(1024, 65000) ?? SpecDefaults.PortBase;
        var stateDirNode = o.Field("stateDir");
        var stateDir = stateDirNode?.AsNonEmptyString();
        if (stateDir is not null && !stateDir.StartsWith('/'))
        {
            throw stateDirNode!.Error($"must be an absolute path, got '{stateDir}'");
        }

        var patroni = o.Field("patroni") is { } p ? ReadPatroni(p) : SpecDefaults.Patroni;
        var haproxy = o.Field("haproxy") is { } h ? ReadHaproxy(h) : SpecDefaults.Haproxy;
        o.RejectUnknownFields();
        return new LocalPlatformSpec(portBase, stateDir, patroni, haproxy);
    }

    private static PatroniTiming ReadPatroni(ConfigNode node)
    {
        var o = node.AsObject();
        var d = SpecDefaults.Patroni;
        var ttlNode = o.Field("ttlSeconds");
        var timing = new PatroniTiming(
            ttlNode?.AsInt(1, int.MaxValue) ?? d.TtlSeconds,
            o.Field("loopWaitSeconds")?.AsInt(1, int.MaxValue) ?? d.LoopWaitSeconds,
            o.Field("retryTimeoutSeconds")?.AsInt(1, int.MaxValue) ?? d.RetryTimeoutSeconds);
        o.RejectUnknownFields();
        var floor = timing.LoopWaitSeconds + (2 * timing.RetryTimeoutSeconds);
        return timing.TtlSeconds < floor
            ? throw (ttlNode ?? node).Error($"ttl {timing.TtlSeconds} < loopWait + 2 x retryTimeout = {floor}")
            : timing;
    }

    private static HaproxyTiming ReadHaproxy(ConfigNode node)
    {
        var o = node.AsObject();
        var d = SpecDefaults.Haproxy;
        var timing = new HaproxyTiming(
            o.Field("checkIntervalMs")?.AsInt(50, 60000) ?? d.CheckIntervalMs,
            o.Field("fall")?.AsInt(1, int.MaxValue) ?? d.Fall,
            o.Field("rise")?.AsInt(1, int.MaxValue) ?? d.Rise);
        o.RejectUnknownFields();
        return timing;
    }

    private AwsPlatformSpec? ReadAws(ConfigNode? node, Platform platform)
    {
        if (node is null)
        {
            return platform == Platform.Aws ? throw new StackFileException(file, Prefix + "aws", "is required on platform aws (vpcId, subnetIds, availabilityZones)") : null;
        }

        var o = node.AsObject();
        var vpcNode = o.Required("vpcId");
        var vpc = Prefixed(vpcNode, "vpc-");
        var subnetsNode = o.Required("subnetIds");
        var subnets = subnetsNode.AsList().Select(s => Prefixed(s, "subnet-")).ToList();
        if (subnets.Count < 2)
        {
            throw subnetsNode.Error($"needs at least 2 subnets, got {subnets.Count}");
        }

        var zonesNode = o.Required("availabilityZones");
        var zones = zonesNode.AsStringList();
        if (zones.Count < 2)
        {
            throw zonesNode.Error($"needs at least 2 availability zones, got {zones.Count}");
        }

        RejectDuplicates(zonesNode, zones);
        var groups = o.Field("allowedSecurityGroupIds")?.AsList().Select(s => Prefixed(s, "sg-")).ToList() ?? [];
        var piNode = o.Field("performanceInsightsRetentionDays");
        var pi = piNode?.AsInt(7, 731) ?? SpecDefaults.PerformanceInsightsRetentionDays;
        if (pi != 7 && pi % 31 != 0)
        {
            throw piNode!.Error($"must be 7 or a multiple of 31 up to 731, got {pi}");
        }

        o.RejectUnknownFields();
        return new AwsPlatformSpec(vpc, subnets, zones, groups, pi);
    }

    private static KubernetesPlatformSpec? ReadKubernetes(ConfigNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var o = node.AsObject();
        var nsNode = o.Field("namespace");
        var ns = nsNode?.AsString() ?? SpecDefaults.KubernetesNamespace;
        if (!DnsLabelRegex().IsMatch(ns))
        {
            throw nsNode!.Error($"must be a DNS label (lowercase letters, digits, '-'), got '{ns}'");
        }

        var spec = new KubernetesPlatformSpec(
            ns,
            o.Field("storageClass")?.AsNonEmptyString(),
            o.Field("zones")?.AsStringList() ?? [],
            o.Field("operatorChartVersion")?.AsNonEmptyString() ?? SpecDefaults.OperatorChartVersion);
        o.RejectUnknownFields();
        return spec;
    }

    private static string Name(ConfigNode node, int maxLength)
    {
        var name = node.AsString();
        if (!NameRegex().IsMatch(name))
        {
            throw node.Error($"must be lowercase letters, digits and '-', starting with a letter, got '{name}'");
        }

        return name.Length > maxLength ? throw node.Error($"must be at most {maxLength} characters, got {name.Length}") : name;
    }

    private static string? Identifier(ConfigNode? node)
    {
        if (node is null)
        {
            return null;
        }

        var name = node.AsString();
        return IdentifierRegex().IsMatch(name) ? name : throw node.Error($"must be a PostgreSQL identifier ([a-z_][a-z0-9_]*, at most 63), got '{name}'");
    }

    private static string? Version(ConfigNode? node)
    {
        if (node is null)
        {
            return null;
        }

        if (node.IsUnquotedDecimal)
        {
            throw node.Error($"must be quoted (an unquoted {node.AsString()} is a number, and 15.10 would read as 15.1)");
        }

        var version = node.AsString();
        return VersionRegex().IsMatch(version) ? version : throw node.Error($"must be a pinned version like 15 or 15.4, got '{version}'");
    }

    private static string Prefixed(ConfigNode node, string prefix)
    {
        var value = node.AsString();
        return value.StartsWith(prefix, StringComparison.Ordinal) && value.Length > prefix.Length
            ? value
            : throw node.Error($"must start with '{prefix}', got '{value}'");
    }

    private static void RejectDuplicateNames(ConfigNode list, IEnumerable<string> names)
    {
        var seen = new HashSet<string>();
        var index = 0;
        foreach (var name in names)
        {
            if (!seen.Add(name))
            {
                throw new StackFileException(list.File, $"{list.Path}[{index}].name", $"duplicate name '{name}'");
            }

            index++;
        }
    }

    private static void RejectDuplicates(ConfigNode list, IReadOnlyList<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (values.Take(i).Contains(values[i]))
            {
                throw new StackFileException(list.File, $"{list.Path}[{i}]", $"'{values[i]}' is listed twice");
            }
        }
    }

    internal static string CamelCase(string pascal) => char.ToLowerInvariant(pascal[0]) + pascal[1..];
}
