namespace Resilience.ChaosSuite.Platform;

/// <summary>
/// What a platform offers the restore drills: its backups, and a point-in-time copy of the stack started beside it
/// (locally pgBackRest into a PostgreSQL on a spare port; on Aurora <c>RestoreDBClusterToPointInTime</c> into a
/// temporary cluster; on Kubernetes a CloudNativePG Cluster bootstrapped by recovery). A platform declaring
/// <see cref="FaultKind.DataCorruption"/> implements it.
/// </summary>
public interface IPointInTimeRestore
{
    /// <summary>The restorable window, or null when the platform has no backup yet.</summary>
    /// <exception cref="PlatformException">The backups cannot be listed (a repository failing its check).</exception>
    Task<RestorableRange?> GetRestorableRangeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Restores the stack as it was at <paramref name="target"/> into a new database named <paramref name="name"/>
    /// beside it and returns once the copy accepts connections with the application's credentials. Interrupted or
    /// failed, the platform leaves nothing of the copy behind; the stack itself is never touched.
    /// </summary>
    /// <exception cref="PlatformException">No backup, a target outside the window, a failed restore (one line).</exception>
    Task<RestoredDatabase> RestoreCopyAsync(DateTimeOffset target, string name, CancellationToken cancellationToken);

    /// <summary>
    /// Restores the whole stack from its backups into a new cluster behind the same endpoints, after every member was
    /// lost; returns once it was asked (the drill watches the stack come back).
    /// </summary>
    /// <exception cref="PlatformException">No backup, a member still runs, the platform failed (one line).</exception>
    Task RestoreStackAsync(CancellationToken cancellationToken);

    /// <summary>What bounds the writes a restore of the whole stack loses on this platform, one line for reports.</summary>
    string RecoveryPointBound { get; }

    /// <summary>Removes copy <paramref name="name"/> (stopped, its storage deleted); does nothing when there is none. Safe to call repeatedly.</summary>
    Task DropCopyAsync(string name, CancellationToken cancellationToken);
}

/// <summary>The times a point-in-time restore can reach, and the newest backup.</summary>
/// <param name="From">The earliest reachable time (the end of the oldest backup).</param>
/// <param name="To">The newest time known to be archived.</param>
/// <param name="NewestBackupAt">When the newest backup ended.</param>
public sealed record RestorableRange(DateTimeOffset From, DateTimeOffset To, DateTimeOffset NewestBackupAt);

/// <summary>A point-in-time copy of the stack, running beside it.</summary>
/// <param name="Name">The copy's name.</param>
/// <param name="Endpoint">Where it accepts connections (the application's credentials work there).</param>
/// <param name="Target">The time it was recovered to.</param>
/// <param name="BackupLabel">The backup it was restored from.</param>
/// <param name="BackupTakenAt">When that backup ended: the copy's data is that old plus the replayed archive.</param>
/// <param name="PlatformSeconds">What the platform reports the restore took (the drill measures its own).</param>
public sealed record RestoredDatabase(string Name, DatabaseEndpoint Endpoint, DateTimeOffset Target, string BackupLabel, DateTimeOffset BackupTakenAt, double PlatformSeconds)
{
    /// <summary>
    /// How the application's user authenticates on the copy, when not as on the stack (an IAM token is signed for one
    /// host, so Aurora's copy needs its own); null: the stack's <see cref="DatabaseAccess.Password"/>.
    /// </summary>
    public PasswordProvider? Password { get; init; }
}
