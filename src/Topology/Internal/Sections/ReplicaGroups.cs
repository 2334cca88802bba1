using System.Text.RegularExpressions;

namespace Resilience.Topology.Internal;

/// <summary>The <c>resilience:replicaGroups</c> section and each group's warm-up policy (infra/spec/sections/replicaGroups.ts).</summary>
internal sealed partial class SpecReader
{
    [GeneratedRegex("^[a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*$")]
    private static partial Regex QualifiedTableRegex();

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
}
