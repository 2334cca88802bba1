namespace Resilience.LocalCluster.Internal.Backup;

/// <summary>Fixed values of the local backups.</summary>
internal static class BackupConstants
{
    /// <summary>The pgBackRest stanza of every local stack (one repository per stack).</summary>
    public const string Stanza = "stack";

    public const string PgBackRest = "/usr/bin/pgbackrest";

    /// <summary>
    /// PostgreSQL's archive_timeout: a WAL segment is archived at least this often while writes happen, so
    /// it bounds what a loss of every member loses when WAL is not streamed to the repository.
    /// </summary>
    public const int ArchiveTimeoutSeconds = 10;

    /// <summary>pgBackRest's parallel processes for backup and restore (this machine's cores).</summary>
    public static int ProcessMax => Math.Clamp(Environment.ProcessorCount, 1, 8);

    /// <summary>How long a restored copy may take to replay WAL and open.</summary>
    public static readonly TimeSpan CopyStartTimeout = TimeSpan.FromMinutes(10);

    /// <summary>How long pgBackRest may wait for a WAL segment to be archived (backup, check).</summary>
    public const int ArchiveWaitSeconds = 60;
}
