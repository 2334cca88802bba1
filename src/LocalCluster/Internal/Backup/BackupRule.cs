using Resilience.Topology;

namespace Resilience.LocalCluster.Internal.Backup;

/// <summary>What the supervisor's backup job remembers between its passes (in memory: a restarted supervisor starts afresh).</summary>
/// <param name="NextDue">When the next scheduled backup (or the retry after a failure) is due; null until the first pass looked at the repository.</param>
/// <param name="BackedUpFrom">The primary of the last successful pass; null before it.</param>
/// <param name="LastFailed">Whether the last pass failed: then nothing starts before <paramref name="NextDue"/>, whatever the reason.</param>
internal sealed record BackupMemory(DateTimeOffset? NextDue, string? BackedUpFrom, bool LastFailed)
{
    /// <summary>Nothing known yet: the first pass looks at the repository.</summary>
    public static BackupMemory None { get; } = new(null, null, false);
}

/// <summary>
/// When the supervisor takes a full backup (pure: unit-tested): once the stack is first steady, then on the spec's
/// schedule, and once more after every change of primary. A failed attempt waits <see cref="BackupScheduler.RetryAfterFailure"/>
/// before the next one, whatever made it due.
/// </summary>
/// <remarks>
/// Why after a change of primary: a primary lost outright may not have archived its last completed WAL segments, and a
/// promoted standby does not archive what it received by streaming (archive_mode on), so the archive of the old
/// timeline can have a hole. A recovery from an older backup then stops at the hole ("recovery ended before configured
/// recovery target was reached", seen in a game-day after three failovers); a backup on the new timeline needs none of it.
/// </remarks>
internal static class BackupRule
{
    /// <summary>The reason given when the primary changed since the last backup.</summary>
    public const string NewPrimaryReason = "a new primary: a backup on its timeline (the lost primary may not have archived its last segments)";

    /// <summary>The reason given for the stack's first backup.</summary>
    public const string FirstReason = "first full backup of the stack";

    /// <summary>Whether <paramref name="leader"/> is not the primary the last backup was taken from.</summary>
    public static bool IsNewPrimary(BackupMemory memory, string? leader) =>
        memory.BackedUpFrom is not null && leader is not null && leader != memory.BackedUpFrom;

    /// <summary>
    /// Whether a pass starts now: the stack has been steady once (<paramref name="steady"/>), a primary runs, no failed
    /// attempt is still waiting, and either the primary changed or the due time came (or was never computed).
    /// </summary>
    public static bool PassDue(BackupMemory memory, bool steady, string? leader, DateTimeOffset now)
    {
        if (!steady || leader is null)
        {
            return false;
        }

        var waited = memory.NextDue is not { } due || now >= due;
        if (memory.LastFailed)
        {
            return waited;
        }

        return waited || IsNewPrimary(memory, leader);
    }

    /// <summary>
    /// Why a pass takes a backup, given when the newest backup in the repository ended (<paramref name="lastStopped"/>,
    /// null when there is none); null when it is recent enough (the pass then only computes the next due time).
    /// </summary>
    public static string? Reason(DateTimeOffset? lastStopped, bool newPrimary, BackupSpec backup, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(backup);
        if (lastStopped is not { } stopped)
        {
            return FirstReason;
        }

        if (newPrimary)
        {
            return NewPrimaryReason;
        }

        return backup.NextRun(stopped) <= now ? $"scheduled ({backup.Schedule})" : null;
    }
}
