using Resilience.LocalCluster.Internal.State;
using Resilience.LocalCluster.Internal.Supervision;

namespace Resilience.LocalCluster.Internal.Backup;

/// <summary>
/// The supervisor's backup job: runs a pass when <see cref="BackupRule"/> says one is due, always from whichever
/// member is primary. A pass runs in the background; the supervisor's tick never waits for it.
/// </summary>
internal sealed class BackupScheduler(ClusterEnvironment env, EventLog events)
{
    /// <summary>After a failed backup, the next attempt waits this long (a failover, a full disk).</summary>
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(60);

    private readonly BackupRepository _repository = new(env);
    private Task<DateTimeOffset>? _running;
    private string? _runningFrom;
    private BackupMemory _memory = BackupMemory.None;

    /// <summary>When the next scheduled backup is due; null until the first pass has looked at the repository.</summary>
    public DateTimeOffset? NextDue => _memory.NextDue;

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

        // AlarmsArmed is set the first time the stack is steady: no backup of a stack still being built.
        if (!BackupRule.PassDue(_memory, state.AlarmsArmed, leader, env.Time.GetUtcNow()) || state.Find(leader!) is not { } member)
        {
            return;
        }

        _runningFrom = leader;
        _running = RunAsync(PrimaryTarget.Of(env, member), BackupRule.IsNewPrimary(_memory, leader), ct);
    }

    private async Task<DateTimeOffset> RunAsync(PrimaryTarget primary, bool newPrimary, CancellationToken ct)
    {
        await _repository.EnsureStanzaAsync(primary, ct);
        var listing = await _repository.ListAsync(ct);
        var last = listing.Backups.LastOrDefault();
        if (BackupRule.Reason(last?.Stopped, newPrimary, env.Spec.Backup, env.Time.GetUtcNow()) is { } reason)
        {
            events.Record("backup-started", primary.Member, null, reason);
            last = await _repository.BackupAsync(primary, ct);
            events.Record("backup-finished", primary.Member, null, $"{last.Label}: {last.DatabaseBytes} bytes, {last.RepositoryBytes} in the repository, {(last.Stopped - last.Started).TotalSeconds:0} s");
        }

        return env.Spec.Backup.NextRun(last!.Stopped);
    }

    private void Observe(Task<DateTimeOffset> finished)
    {
        if (finished.IsCompletedSuccessfully)
        {
            _memory = new BackupMemory(finished.Result, _runningFrom, LastFailed: false);
            return;
        }

        _memory = _memory with { NextDue = env.Time.GetUtcNow() + RetryAfterFailure, LastFailed = true };
        if (finished.Exception?.InnerException is { } e and not OperationCanceledException)
        {
            events.Record("backup-failed", null, null, $"{e.Message}; retrying at {_memory.NextDue:HH:mm:ss}");
        }
    }
}
