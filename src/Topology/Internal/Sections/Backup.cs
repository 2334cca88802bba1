namespace Resilience.Topology.Internal;

/// <summary>The <c>resilience:backup</c> section (infra/spec/sections/backup.ts).</summary>
internal sealed partial class SpecReader
{
    private static BackupSpec ReadBackup(ConfigNode? node)
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
        return new BackupSpec(schedule, retention, targets) { Declared = true };
    }
}
