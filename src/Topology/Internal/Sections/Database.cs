namespace Resilience.Topology.Internal;

/// <summary>The <c>resilience:database</c> section (infra/spec/sections/database.ts).</summary>
internal sealed partial class SpecReader
{
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
}
