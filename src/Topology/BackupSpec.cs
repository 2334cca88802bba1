using Resilience.Topology.Internal;

namespace Resilience.Topology;

/// <summary>
/// The stack's backups (<c>resilience:backup</c>): when full backups run, how many are kept, and the
/// restore drills' targets.
/// </summary>
/// <param name="Schedule">Five-field cron expression (UTC) of scheduled full backups; one also runs once the stack is first steady.</param>
/// <param name="RetentionFullBackups">Full backups kept; older ones and the WAL only they need are expired after each backup.</param>
/// <param name="Targets">Targets of the restore drills (<c>table-corruption</c>, <c>cluster-loss</c>).</param>
public sealed record BackupSpec(string Schedule, int RetentionFullBackups, BackupTargets Targets)
{
    /// <summary>The first minute strictly after <paramref name="after"/> that <see cref="Schedule"/> names (UTC).</summary>
    public DateTimeOffset NextRun(DateTimeOffset after) => CronSchedule.Next(Schedule, after);

    /// <summary>Gets a value indicating whether the stack file declares the section (the restore drills need it: they judge its targets).</summary>
    /// <value>False for the defaults of a stack without <c>resilience:backup</c>.</value>
    public bool Declared { get; init; }
}

/// <summary>Bounds of the restore drills' measurements; measured must be &lt;= target.</summary>
/// <param name="RestoreSeconds">Fault (corruption, cluster loss) to data restored and serving.</param>
/// <param name="RecoveryPointSeconds">Span of acknowledged writes a restore loses.</param>
public sealed record BackupTargets(double RestoreSeconds, double RecoveryPointSeconds);
