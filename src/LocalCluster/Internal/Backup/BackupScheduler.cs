using Resilience.LocalCluster.Internal.State;
using Resilience.LocalCluster.Internal.Supervision;

namespace Resilience.LocalCluster.Internal.Backup;

/// <summary>
/// The supervisor's backup job: a full backup once the stack is first steady, then on the spec's schedule,
/// always from whichever member is primary, and once more after every change of primary. A backup runs in the
/// background; the supervisor's tick never waits for it.
/// </summary>
/// <remarks>
/// Why after a promotion: a primary lost outright may not have archived its last completed WAL segments, and a
/// promoted standby does not archive what it received by streaming (archive_mode on), so the archive of the old
/// timeline can have a hole. A recovery from an older backup then stops at the hole ("recovery ended before
/// configured recovery target was reached", seen in a game-day after three failovers); a backup on the new timeline
/// needs none of it.
/// </remarks>
internal sealed class BackupScheduler(ClusterEnvironment env, EventLog events)
{
    /// <summary>After a failed backup, the next attempt waits this long (a failover, a full disk).</summary>
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(60);

    private readonly BackupRepository _repository = new(env);
    private Task<DateTimeOffset>? _running;
    private DateTimeOffset? _nextDue;
    private string? _runningFrom;
    private string? _backedUpFrom;

    /// <summary>When the next scheduled backup is due; null until the first pass has looked at the repository.</summary>
    public DateTimeOffset? NextDue => _nextDue;

    /// <summary>Starts a backup when one is due and <paramref name="leader"/> is the running primary.</summary>
    public void Tick(ClusterState state, string? leader, CancellationToken ct)
    {
        if (_running is { IsCompleted: false })
        {
            return;
        }

        if (_running is not null)
        {
            Observe(_running);
            _running = null;
        }

        var now = env.Time.GetUtcNow();
        var promoted = _backedUpFrom is not null && leader is not null && leader != _backedUpFrom;
        // AlarmsArmed is set the first time the stack is steady: no backup of a stack still being built.
        if (!state.AlarmsArmed || leader is null || state.Find(leader) is not { } member || (!promoted && _nextDue is { } due && now < due))
        {
            return;
        }

        _runningFrom = leader;
        _running = RunAsync(PrimaryTarget.Of(env, member), promoted, ct);
    }

    private async Task<DateTimeOffset> RunAsync(PrimaryTarget primary, bool promoted, CancellationToken ct)
    {
        await _repository.EnsureStanzaAsync(primary, ct);
        var listing = await _repository.ListAsync(ct);
        var last = listing.Backups.LastOrDefault();
        if (last is null || promoted || env.Spec.Backup.NextRun(last.Stopped) <= env.Time.GetUtcNow())
        {
            events.Record("backup-started", primary.Member, null, last is null ? "first full backup of the stack"
                : promoted ? "a new primary: a backup on its timeline (the lost primary may not have archived its last segments)" : $"scheduled ({env.Spec.Backup.Schedule})");
            last = await _repository.BackupAsync(primary, ct);
            events.Record("backup-finished", primary.Member, null, $"{last.Label}: {last.DatabaseBytes} bytes, {last.RepositoryBytes} in the repository, {(last.Stopped - last.Started).TotalSeconds:0} s");
        }

        return env.Spec.Backup.NextRun(last.Stopped);
    }

    private void Observe(Task<DateTimeOffset> finished)
    {
        if (finished.IsCompletedSuccessfully)
        {
            _nextDue = finished.Result;
            _backedUpFrom = _runningFrom;
            return;
        }

        _nextDue = env.Time.GetUtcNow() + RetryAfterFailure;
        if (finished.Exception?.InnerException is { } e and not OperationCanceledException)
        {
            events.Record("backup-failed", null, null, $"{e.Message}; retrying at {_nextDue:HH:mm:ss}");
        }
    }
}
