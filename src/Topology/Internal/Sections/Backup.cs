namespace Resilience.Topology.Internal;

/// <summary>The <c>resilience:backup</c> section (infra/spec/sections/backup.ts).</summary>
internal sealed partial class SpecReader
{
    private static BackupSpec ReadBackup(ConfigNode? node, Platform platform)
    {
        var d = BackupDefaults.Spec;
        if (node is null)
        {
            return d;
        }

        var o = node.AsObject();
        var scheduleNode = o.Field("schedule");
        var schedule = scheduleNode?.AsString() ?? d.Schedule;
        if (scheduleNode is not null && CronSchedule.Problem(schedule) is { } problem)
        {
            throw scheduleNode.Error(problem);
        }

        var retention = o.Field("retentionFullBackups")?.AsInt(1, int.MaxValue) ?? d.RetentionFullBackups;
        var targets = d.Targets;
        if (o.Field("targets") is { } t)
        {
            var to = t.AsObject();
            targets = new BackupTargets(
                to.Field("restoreSeconds")?.AsNumber(0, double.MaxValue, exclusiveMin: true) ?? d.Targets.RestoreSeconds,
                to.Field("recoveryPointSeconds")?.AsNumber(0, double.MaxValue) ?? d.Targets.RecoveryPointSeconds);
            to.RejectUnknownFields();
        }

        o.RejectUnknownFields();
        // One home per value: the cloud platforms take their backups' time and retention from the database
        // section (Aurora's backup window and retention days; CloudNativePG's ScheduledBackup and retention
        // policy), so pgBackRest's schedule and count here would be silently ignored there.
        if (platform != Platform.Local && (scheduleNode ?? o.Field("retentionFullBackups")) is { } localOnly)
        {
            throw localOnly.Error(LocalOnlyBackupProblem(platform));
        }

        return new BackupSpec(schedule, retention, targets) { Declared = true };
    }

    private static string LocalOnlyBackupProblem(Platform platform) =>
        $"applies to platform local only (pgBackRest); on {platform.ToString().ToLowerInvariant()} base backups run daily at resilience:database.backupWindow and are kept resilience:database.backupRetentionDays: set those instead";
}
