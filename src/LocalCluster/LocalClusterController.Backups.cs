using Resilience.LocalCluster.Internal.Backup;
using Resilience.LocalCluster.Internal.Processes;
using Resilience.LocalCluster.Internal.State;
using Resilience.LocalCluster.Internal.Supervision;

namespace Resilience.LocalCluster;

/// <summary>Backups, their listing and point-in-time copies (pgBackRest, repository under the state directory).</summary>
public sealed partial class LocalClusterController
{
    /// <summary>PostgreSQL's archive_timeout on every member: a WAL segment reaches the repository at least this often while writes happen.</summary>
    public static int ArchiveTimeoutSeconds => BackupConstants.ArchiveTimeoutSeconds;

    /// <summary>The pgBackRest repository of the stack.</summary>
    public string BackupRepositoryPath => BackupLayout.Of(_env.Layout).Repository;

    /// <summary>Takes a full backup from the current primary now.</summary>
    /// <exception cref="LocalClusterException">The stack does not run, has no running primary, or pgBackRest failed (its message).</exception>
    public async Task<BackupSet> BackupAsync(CancellationToken cancellationToken = default)
    {
        var repository = new BackupRepository(_env);
        var primary = await RunningPrimaryAsync("back up", cancellationToken);
        return await repository.BackupAsync(primary, cancellationToken);
    }

    /// <summary>The backups in the repository and the restorable window (from the repository alone: the stack need not run).</summary>
    public Task<BackupListing> GetBackupsAsync(CancellationToken cancellationToken = default)
    {
        _ = _env.Store.TryLoad() ?? throw NotRunning();
        return new BackupRepository(_env).ListAsync(cancellationToken);
    }

    /// <summary>
    /// Restores the stack as it was at <paramref name="target"/> (null: as far as the archive goes) into a
    /// new PostgreSQL named <paramref name="name"/> on a spare port beside the stack, and waits until it
    /// accepts writes. When the primary runs, the archive is first sealed up to now (a commit, a WAL switch,
    /// pgBackRest's check), so any time up to now can be reached. Interrupted or failed, nothing of the copy
    /// is left; the stack is never touched.
    /// </summary>
    /// <exception cref="LocalClusterException">No backup yet, target outside the restorable window, repository check failed, bad name, restore failed.</exception>
    public async Task<RestoredCopy> RestoreAsync(DateTimeOffset? target, string name, CancellationToken cancellationToken = default)
    {
        if (PointInTimeCopy.NameProblem(name) is { } problem)
        {
            throw new LocalClusterException(problem, LocalClusterException.BadInput);
        }

        _ = _env.Store.TryLoad() ?? throw NotRunning();
        var repository = new BackupRepository(_env);
        var copies = new PointInTimeCopy(_env, repository);
        if (copies.Names().Contains(name))
        {
            throw new LocalClusterException($"a restored copy named '{name}' already exists; drop it with: restore --drop {name}", LocalClusterException.BadInput);
        }

        var listing = await repository.ListAsync(cancellationToken);
        if (listing.Window is not { } window)
        {
            throw new LocalClusterException($"no backup yet in {repository.Layout.Repository}; take one with: backup --stack {Spec.StackName} (the supervisor takes the first once the stack is steady)", LocalClusterException.Failed);
        }

        if ((await GetStatusAsync(cancellationToken)).Primary is not null)
        {
            var sealedAt = await repository.SealAsync(await RunningPrimaryAsync("check", cancellationToken), cancellationToken);
            window = window with { To = sealedAt > window.To ? sealedAt : window.To };
        }

        if (target is { } t && !window.Contains(t))
        {
            throw new LocalClusterException($"target {t.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ} is outside the restorable window {window}", LocalClusterException.BadInput);
        }

        var backup = target is { } at ? listing.Backups.Last(b => b.Stopped < at) : listing.Backups[^1];
        return await copies.CreateAsync(listing, backup, target, name, cancellationToken);
    }

    /// <summary>
    /// Restores the whole stack from its backup repository into a new cluster, after every member and its storage
    /// was lost: the supervisor bootstraps a first member from the newest backup and the whole archive (Patroni's
    /// custom bootstrap, under a new Patroni scope), then copies the other members from it, on the same endpoints.
    /// Returns once the stack is steady again. What it cannot bring back: writes acknowledged after the last WAL
    /// segment that reached the repository (archive_timeout bounds that).
    /// </summary>
    /// <param name="waitForSteady">False: return once the supervisor was asked (the status then is of that moment).</param>
    /// <param name="cancellationToken">Ctrl-C.</param>
    /// <exception cref="LocalClusterException">The stack is not running, a member still runs or a restore is under way (exit 2), no backup yet, or steady state was not reached in time.</exception>
    /// <exception cref="ClusterRestoreContinuesException">Cancelled after the restore was asked: the supervisor goes on restoring.</exception>
    public async Task<ClusterStatus> RestoreClusterAsync(bool waitForSteady = true, CancellationToken cancellationToken = default)
    {
        var state = _env.Store.TryLoad() ?? throw NotRunning();
        if (PidFile.ReadAlive(_env.Layout.SupervisorPid) is null)
        {
            throw new LocalClusterException($"the supervisor of stack {Spec.StackName} does not run; start it with: up --stack {Spec.StackName}");
        }

        if (state.RestoreFromRepository)
        {
            // Asked, and the supervisor has not yet started the member that restores: a second restore would start it over.
            throw new LocalClusterException(
                $"stack {Spec.StackName} is being restored from its backups already (its first member is about to start); follow it with: status --stack {Spec.StackName}",
                LocalClusterException.BadInput);
        }

        var host = new MemberHost(_env, state);
        await StopOrphansAsync(state, host, cancellationToken);
        state = _env.Store.TryLoad() ?? throw NotRunning();
        host = new MemberHost(_env, state);
        if (state.Members.Where(m => !m.Lost && (host.Patroni(m) is not null || host.HasData(m))).Select(m => m.Name).ToList() is { Count: > 0 } alive)
        {
            throw new LocalClusterException(
                $"members {string.Join(", ", alive)} still run or hold data: restoring the stack replaces a lost cluster; for a point in time beside it use: restore --to <time> --into <name>",
                LocalClusterException.BadInput);
        }

        var repository = new BackupRepository(_env);
        if ((await repository.ListAsync(cancellationToken)).Backups.Count == 0)
        {
            throw new LocalClusterException($"no backup yet in {repository.Layout.Repository}: the stack cannot be restored (down, then up, makes a new empty one)", LocalClusterException.Failed);
        }

        await _env.Store.UpdateAsync(s =>
        {
            foreach (var lost in s.Members)
            {
                host.DeleteFiles(lost);
            }

            s.Members.Clear();
            s.Restores++;
            s.Scope = $"resilience-{Spec.StackName}-restore-{s.Restores}";
            s.RestoreFromRepository = true;
            return true;
        }, cancellationToken);
        _options.Progress?.WriteLine($"restoring stack {Spec.StackName} from {repository.Layout.Repository}; waiting for steady state (up to {_options.SteadyTimeout.TotalSeconds:0} s)");
        try
        {
            return waitForSteady ? await WaitForSteadyAsync(_options.SteadyTimeout, cancellationToken) : await GetStatusAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The restore is not cancelled, only the wait: the stack is already lost, and one half restored would be worse.
            throw new ClusterRestoreContinuesException(Spec.StackName, cancellationToken);
        }
    }

    /// <summary>
    /// Members the supervisor started after the loss, while a dying member still held the leader lock for a moment: they
    /// run but copy from no one and never hold data of their own, so with no primary running they are stopped and
    /// deleted; otherwise they would stand in the way of the restore. A member with data, or any member while a primary
    /// runs, is left alone (the check below then refuses).
    /// </summary>
    private async Task StopOrphansAsync(ClusterState state, MemberHost host, CancellationToken cancellationToken)
    {
        // No PG_VERSION: the folder was prepared, but no database was ever copied or created in it.
        // A member restoring the repository (FromBackup) copies from no one by design: it is the restore, not an orphan.
        var orphans = state.Members.Where(m => !m.Lost && !m.FromBackup && host.Patroni(m) is not null
            && !File.Exists(Path.Combine(_env.Layout.Member(m.Name).DataDir, "PG_VERSION"))).ToList();
        if (orphans.Count == 0 || (await GetStatusAsync(cancellationToken)).Primary is not null)
        {
            return;
        }

        foreach (var orphan in orphans)
        {
            await host.KillAsync(orphan, cancellationToken);
            host.DeleteFiles(orphan);
        }

        await _env.Store.UpdateAsync(s =>
        {
            foreach (var orphan in orphans)
            {
                if (s.Find(orphan.Name) is { } record)
                {
                    record.Lost = true;
                }
            }

            return true;
        }, cancellationToken);
        _options.Progress?.WriteLine($"stopped {string.Join(", ", orphans.Select(o => o.Name))}: started after the loss, with no primary to copy from");
    }

    /// <summary>Stops and deletes restored copy <paramref name="name"/>; false when it does not exist.</summary>
    public Task<bool> DropCopyAsync(string name, CancellationToken cancellationToken = default) =>
        new PointInTimeCopy(_env, new BackupRepository(_env)).DropAsync(name, cancellationToken);

    /// <summary>The names of the restored copies that exist.</summary>
    public IReadOnlyList<string> RestoredCopies() => new PointInTimeCopy(_env, new BackupRepository(_env)).Names();

    private async Task<PrimaryTarget> RunningPrimaryAsync(string what, CancellationToken ct)
    {
        var state = _env.Store.TryLoad() ?? throw NotRunning();
        var primary = (await GetStatusAsync(ct)).Primary
            ?? throw new LocalClusterException($"stack {Spec.StackName} has no running primary to {what}; see: status --stack {Spec.StackName}");
        var record = state.Find(primary.Name) ?? throw NotRunning();
        return PrimaryTarget.Of(_env, record);
    }
}
