using Resilience.LocalCluster.Internal.State;
using Resilience.LocalCluster.Internal.Supervision;

namespace Resilience.LocalCluster.Internal.Backup;

/// <summary>
/// The supervisor's backup job: a full backup once the stack is first steady, then on the spec's schedule,
/// always from whichever member is primary. A backup runs in the background; the supervisor's tick never
/// waits for it.
/// </summary>
internal sealed class BackupScheduler(ClusterEnvironment env, EventLog events)
{
    /// <summary>After a failed backup, the next attempt waits this long (a failover, a full disk).</summary>
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(60);

    private readonly BackupRepository _repository = new(env);
    private Task<DateTimeOffset>? _running;
    private DateTimeOffset? _nextDue;

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
        // AlarmsArmed is set the first time the stack is steady: no backup of a stack still being built.
        if (!state.AlarmsArmed || leader is null || state.Find(leader) is not { } member || (_nextDue is { } due && now < due))
        {
            return;
        }

        _running = RunAsync(PrimaryTarget.Of(env, member), ct);
    }

    private async Task<DateTimeOffset> RunAsync(PrimaryTarget primary, CancellationToken ct)
    {
        await _repository.EnsureStanzaAsync(primary, ct);
        var listing = await _repository.ListAsync(ct);
        var last = listing.Backups.LastOrDefault();
        if (last is null || env.Spec.Backup.NextRun(last.Stopped) <= env.Time.GetUtcNow())
        {
            events.Record("backup-started", primary.Member, null, last is null ? "first full backup of the stack" : $"scheduled ({env.Spec.Backup.Schedule})");
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
            return;
        }

        _nextDue = env.Time.GetUtcNow() + RetryAfterFailure;
        if (finished.Exception?.InnerException is { } e and not OperationCanceledException)
        {
            events.Record("backup-failed", null, null, $"{e.Message}; retrying at {_nextDue:HH:mm:ss}");
        }
    }
}
