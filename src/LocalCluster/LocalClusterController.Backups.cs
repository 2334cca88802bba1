using Resilience.LocalCluster.Internal.Backup;

namespace Resilience.LocalCluster;

/// <summary>Backups, their listing and point-in-time copies (pgBackRest, repository under the state directory).</summary>
public sealed partial class LocalClusterController
{
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
