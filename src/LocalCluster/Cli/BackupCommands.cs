using System.CommandLine;
using System.Globalization;

namespace Resilience.LocalCluster.Cli;

/// <summary>The backup verbs: backup, backups, restore.</summary>
internal static class BackupCommands
{
    public static void AddTo(RootCommand root, CancellationToken interrupt)
    {
        root.Add(Backup(interrupt));
        root.Add(Backups(interrupt));
        root.Add(Restore(interrupt));
    }

    private static Command Backup(CancellationToken interrupt)
    {
        var command = new Command("backup", "Take a full backup (pgBackRest) from the current primary now");
        command.SetAction((parse, _) => LocalClusterCli.Guard(async () =>
        {
            var controller = LocalClusterController.Create(CliCommands.LoadSpec(parse), CliCommands.Options(parse));
            var backup = await controller.BackupAsync(interrupt);
            Console.WriteLine($"backup {backup.Label} ({backup.Type}) done in {(backup.Stopped - backup.Started).TotalSeconds:0} s: {Size(backup.DatabaseBytes)}, {Size(backup.RepositoryBytes)} in {controller.BackupRepositoryPath}");
            return 0;
        }, interrupt));
        return command;
    }

    private static Command Backups(CancellationToken interrupt)
    {
        var command = new Command("backups", "List the backups and the restorable window");
        command.SetAction((parse, _) => LocalClusterCli.Guard(async () =>
        {
            var controller = LocalClusterController.Create(CliCommands.LoadSpec(parse), CliCommands.Options(parse));
            var listing = await controller.GetBackupsAsync(interrupt);
            Console.WriteLine($"repository {listing.Repository}");
            if (listing.Backups.Count == 0)
            {
                Console.WriteLine("no backup yet (the supervisor takes the first once the stack is steady; or run: backup)");
                return 0;
            }

            Console.WriteLine($"{"label",-28} {"type",-5} {"started (UTC)",-20} {"stopped (UTC)",-20} {"size",10} {"in repo",10}");
            foreach (var b in listing.Backups)
            {
                Console.WriteLine($"{b.Label,-28} {b.Type,-5} {Utc(b.Started),-20} {Utc(b.Stopped),-20} {Size(b.DatabaseBytes),10} {Size(b.RepositoryBytes),10}");
            }

            Console.WriteLine($"restorable window: {listing.Window} (to: when the newest WAL segment {listing.LastArchivedWal ?? "-"} was archived; restore seals the archive up to now when the primary runs)");
            foreach (var copy in controller.RestoredCopies())
            {
                Console.WriteLine($"restored copy: {copy}");
            }

            return 0;
        }, interrupt));
        return command;
    }

    private static Command Restore(CancellationToken interrupt)
    {
        var to = new Option<string?>("--to") { Description = "Time to restore to (ISO 8601, e.g. 2026-11-30T21:05:00Z; no offset means UTC), or 'latest'" };
        var into = new Option<string?>("--into") { Description = "Name of the new copy (lower-case letters, digits, '-')" };
        var drop = new Option<string?>("--drop") { Description = "Stop and delete the restored copy with this name" };
        var cluster = new Option<bool>("--cluster") { Description = "Restore the whole stack from its backups into a new cluster, after every member was lost" };
        var timeout = new Option<int>("--timeout") { Description = "With --cluster: seconds to wait for the restored stack's steady state (every member copied and warm)", DefaultValueFactory = _ => 120 };
        var command = new Command("restore", "Start a point-in-time copy of the stack on a spare port beside it (or --drop one; --cluster restores a lost stack)") { to, into, drop, cluster, timeout };
        command.SetAction((parse, _) => LocalClusterCli.Guard(async () =>
        {
            var options = CliCommands.Options(parse);
            options.SteadyTimeout = TimeSpan.FromSeconds(parse.GetValue(timeout));
            var controller = LocalClusterController.Create(CliCommands.LoadSpec(parse), options);
            if (parse.GetValue(drop) is { } doomed)
            {
                Console.WriteLine(await controller.DropCopyAsync(doomed, interrupt) ? $"copy {doomed} stopped and deleted" : $"no copy named {doomed}");
                return 0;
            }

            if (parse.GetValue(cluster))
            {
                ClusterStatus status;
                try
                {
                    status = await controller.RestoreClusterAsync(cancellationToken: interrupt);
                }
                catch (ClusterRestoreContinuesException e)
                {
                    // Like kubectl rollout status: the signal stopped the watching, not the restore; say so, and how to follow it.
                    await Console.Error.WriteLineAsync(e.Message);
                    return 130;
                }

                Console.WriteLine($"stack {controller.Spec.StackName} restored from its backups: primary {status.Primary?.Name ?? "-"}, write endpoint {controller.WriteEndpoint.Host}:{controller.WriteEndpoint.Port}");
                return 0;
            }

            var name = parse.GetValue(into) ?? throw new LocalClusterException("restore needs --into <name> (or --drop <name>)", LocalClusterException.BadInput);
            var text = parse.GetValue(to) ?? throw new LocalClusterException("restore needs --to <time> (ISO 8601, or 'latest')", LocalClusterException.BadInput);
            var target = ParseTarget(text);
            var copy = await controller.RestoreAsync(target, name, interrupt);
            var credentials = controller.GetCredentials();
            Console.WriteLine($"copy {copy.Name} restored to {(copy.Target is { } t ? t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture) : "the end of the archive")} from {copy.BackupLabel} in {copy.RestoreSeconds:0.0} s");
            Console.WriteLine($"connect: host {copy.Endpoint.Host}, port {copy.Endpoint.Port}, user {credentials.User}, database {credentials.Database} (the stack's logins); data in {copy.DataDir}");
            Console.WriteLine($"drop it with: ./localcluster restore --drop {copy.Name} --stack {controller.Spec.StackName}");
            return 0;
        }, interrupt));
        return command;
    }

    /// <summary>An ISO 8601 time (UTC when it has no offset), or null for 'latest'.</summary>
    internal static DateTimeOffset? ParseTarget(string text) =>
        text == "latest" ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t
        : throw new LocalClusterException($"--to '{text}' is not a time; use ISO 8601 like 2026-11-30T21:05:00Z, or 'latest'", LocalClusterException.BadInput);

    private static string Utc(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Size(long bytes) => bytes >= 1 << 30 ? $"{bytes / (double)(1 << 30):0.0} GiB" : $"{bytes / (double)(1 << 20):0.0} MiB";
}
