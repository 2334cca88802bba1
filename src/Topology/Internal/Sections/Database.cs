using System.Text.RegularExpressions;

namespace Resilience.Topology.Internal;

/// <summary>The <c>resilience:database</c> section (infra/spec/sections/database.ts).</summary>
internal sealed partial class SpecReader
{
    [GeneratedRegex(@"^arn:aws(-cn|-us-gov)?:kms:[a-z]{2}(-[a-z]+)+-[0-9]:[0-9]{12}:(key/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})|alias/[A-Za-z0-9/_-]+)$")]
    private static partial Regex KmsKeyArnRegex();

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

        if (kms is not null && !KmsKeyArnRegex().IsMatch(kms))
        {
            throw kmsNode!.Error($"must be a KMS key ARN arn:aws:kms:<region>:<12-digit account>:key/<key id> (or alias/<name>), got '{kms}'");
        }

        var databaseName = Identifier(o.Field("databaseName")) ?? SpecDefaults.DatabaseName;
        var masterUsername = Identifier(o.Field("masterUsername")) ?? SpecDefaults.MasterUsername;
        var evidence = o.Field("upgradeEvidence") is { } e ? ReadUpgradeEvidence(e) : null;
        var maintenance = Window(o.Field("maintenanceWindow"), MaintenanceWindows.ParseMaintenance, "ddd:hh24:mi-ddd:hh24:mi (UTC, e.g. sun:22:00-sun:22:30)") ?? SpecDefaults.MaintenanceWindow;
        var backup = Window(o.Field("backupWindow"), MaintenanceWindows.ParseBackup, "hh24:mi-hh24:mi (UTC, e.g. 01:00-01:30)") ?? SpecDefaults.BackupWindow;
        o.RejectUnknownFields();
        if (MaintenanceWindows.FirstOverlap(MaintenanceWindows.ParseBackup(backup)!, MaintenanceWindows.ParseMaintenance(maintenance)!) is { } overlap)
        {
            throw new StackFileException(node.File, $"{node.Path}.backupWindow", $"{backup} overlaps maintenanceWindow {maintenance} at {MaintenanceWindows.ShowMinute(overlap)} (AWS refuses that)");
        }

        return new DatabaseSpec(engineVersion, instanceClass, storage, synchronous, retention, deletionProtection, allowMajor, kms, databaseName, masterUsername, evidence, maintenance, backup);
    }

    /// <summary>A window in its format, at least <see cref="MaintenanceWindows.MinWindowMinutes"/> long; null when absent.</summary>
    private static string? Window(ConfigNode? node, Func<string, WeeklyWindow?> parse, string format)
    {
        if (node is null)
        {
            return null;
        }

        var text = node.AsString();
        var window = parse(text) ?? throw node.Error($"must be {format}, got '{text}'");
        return window.Minutes < MaintenanceWindows.MinWindowMinutes
            ? throw node.Error($"must be at least {MaintenanceWindows.MinWindowMinutes} minutes long, got {window.Minutes} in '{text}'")
            : text;
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
