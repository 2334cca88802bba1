namespace Resilience.LocalCluster;

/// <summary>What the stack's backup repository holds and the span of time it can restore to.</summary>
/// <param name="Repository">The repository's folder.</param>
/// <param name="Backups">Every backup, oldest first.</param>
/// <param name="Window">The restorable window, or null when there is no backup yet.</param>
/// <param name="LastArchivedWal">The newest WAL segment in the repository, or null.</param>
public sealed record BackupListing(string Repository, IReadOnlyList<BackupSet> Backups, RestorableWindow? Window, string? LastArchivedWal);

/// <summary>One pgBackRest backup.</summary>
/// <param name="Label">pgBackRest's label (<c>--set</c>).</param>
/// <param name="Type">full, diff or incr.</param>
/// <param name="Started">When the backup started.</param>
/// <param name="Stopped">When it ended: the earliest time it can be restored to.</param>
/// <param name="DatabaseBytes">Size of the database it copied.</param>
/// <param name="RepositoryBytes">Size it takes in the repository (compressed).</param>
public sealed record BackupSet(string Label, string Type, DateTimeOffset Started, DateTimeOffset Stopped, long DatabaseBytes, long RepositoryBytes);

/// <summary>The times a point-in-time restore can reach.</summary>
/// <param name="From">The end of the oldest backup.</param>
/// <param name="To">The last write known to be archived: when the newest WAL segment reached the repository.</param>
public sealed record RestorableWindow(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>True when <paramref name="target"/> is inside the window.</summary>
    public bool Contains(DateTimeOffset target) => target >= From && target <= To;

    /// <inheritdoc/>
    public override string ToString() => $"{From.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ} .. {To.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}";
}
