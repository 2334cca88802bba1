using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Resilience.Topology.Internal;

/// <summary>
/// Reads the <c>resilience:*</c> keys section by section, in the order of docs/configuration.md, applying
/// defaults and stopping at the first bad value (infra/config.ts follows the same order, so both readers
/// name the same key). Each section's reading lives in Sections/, one file per section as in
/// infra/spec/sections/; this file holds the order and the rules shared by several sections.
/// </summary>
internal sealed partial class SpecReader(string file, string stackName, YamlMappingNode config)
{
    private const string Prefix = "resilience:";

    private static readonly string[] Sections =
        ["platform", "environment", "database", "replicaGroups", "endpoints", "alarms", "recoveryTargets", "cells", "gameday", "backup", "notifications", "local", "aws", "kubernetes"];

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex NameRegex();

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex IdentifierRegex();

    [GeneratedRegex(@"^\d+(\.\d+)?$")]
    private static partial Regex VersionRegex();

    public StackSpec Read()
    {
        RejectUnknownSections();
        var platform = ReadPlatform(Section("platform"));
        var environment = ReadEnvironment(Section("environment"));
        var database = ReadDatabase(Section("database"), platform);
        var groups = ReadReplicaGroups(Section("replicaGroups"), database);
        var endpoints = ReadEndpoints(Section("endpoints"));
        var alarms = ReadAlarms(Section("alarms"), platform);
        var targets = ReadRecoveryTargets(Section("recoveryTargets"), database);
        var cells = ReadCells(Section("cells"), database);
        var gameday = ReadGameday(Section("gameday"), database, targets);
        RejectWindowsDuringGameday(platform, database, gameday);
        var backup = ReadBackup(Section("backup"), platform);
        var notifications = ReadNotifications(Section("notifications"));
        var local = ReadLocal(Section("local"));
        var aws = ReadAws(Section("aws"), platform);
        var kubernetes = ReadKubernetes(Section("kubernetes"));
        RequireGamedayImageOnCloud(platform, gameday);
        return new StackSpec(stackName, platform, environment, database, groups, endpoints, alarms, targets, cells, gameday, notifications, local, aws, kubernetes)
        {
            Backup = backup,
        };
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

    private static DeploymentEnvironment ReadEnvironment(ConfigNode? node) => node?.AsString() switch
    {
        null => SpecDefaults.Environment,
        "development" => DeploymentEnvironment.Development,
        "staging" => DeploymentEnvironment.Staging,
        "production" => DeploymentEnvironment.Production,
        var other => throw node.Error($"must be development, staging or production, got '{other}'"),
    };

    /// <summary>
    /// A window AWS (or the backup schedule on Kubernetes) uses must not overlap a game-day run, or a patch,
    /// reboot or snapshot lands in the middle of a measurement. Checked once the schedule is read; reported at
    /// the window. LocalCluster has neither window.
    /// </summary>
    /// <summary>
    /// A cloud stack's game-day runs on its schedule from a container image (an ECS task on aws, a CronJob on
    /// kubernetes). Checked after every section, so a file with another mistake is reported there first
    /// (infra/spec/stackSpec.ts checks in the same place).
    /// </summary>
    private void RequireGamedayImageOnCloud(Platform platform, GamedaySpec gameday)
    {
        if (platform != Platform.Local && gameday.Image is null)
        {
            throw new StackFileException(
                file,
                Prefix + "gameday.image",
                $"is required on platform {platform.ToString().ToLowerInvariant()}: the scheduled game-day runs this image; set the reference .github/workflows/chaos-image.yml pushed (e.g. ghcr.io/<owner>/<repo>/chaos@sha256:<digest>)");
        }
    }

    private void RejectWindowsDuringGameday(Platform platform, DatabaseSpec database, GamedaySpec gameday)
    {
        if (platform == Platform.Local)
        {
            return;
        }

        var runs = MaintenanceWindows.Gameday(gameday.Schedule, SpecDefaults.GamedayRunMinutes);
        (string Key, string Text, WeeklyWindow Window)[] windows =
        [
            ("maintenanceWindow", database.MaintenanceWindow, MaintenanceWindows.ParseMaintenance(database.MaintenanceWindow)!),
            ("backupWindow", database.BackupWindow, MaintenanceWindows.ParseBackup(database.BackupWindow)!),
        ];
        foreach (var (key, text, window) in windows)
        {
            if (MaintenanceWindows.FirstOverlap(window, runs) is { } overlap)
            {
                throw new StackFileException(
                    file,
                    $"{Prefix}database.{key}",
                    $"{text} overlaps the game-day at {MaintenanceWindows.ShowMinute(overlap)} (resilience:gameday.schedule '{gameday.Schedule}', each run allowed {SpecDefaults.GamedayRunMinutes} minutes); move the window or the schedule");
            }
        }
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

    /// <summary>
    /// An EC2 resource id such as <c>subnet-0a1b2c3d4e5f60718</c>: the prefix, then 8 (older ids) or 17 lowercase
    /// hex digits. A prefix alone let <c>subnet-0ggg...</c> through to a failed deploy.
    /// </summary>
    private static string Ec2Id(ConfigNode node, string prefix)
    {
        var value = node.AsString();
        var digits = value.StartsWith(prefix, StringComparison.Ordinal) ? value[prefix.Length..] : "";
        return digits.Length is 8 or 17 && digits.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f')
            ? value
            : throw node.Error($"must be '{prefix}' followed by 8 or 17 lowercase hex digits, got '{value}'");
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

    internal static string CamelCase(string pascal) => char.ToLowerInvariant(pascal[0]) + pascal[1..];
}
