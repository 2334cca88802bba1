using Resilience.LocalCluster.Internal.State;

namespace Resilience.LocalCluster.Internal.Backup;

/// <summary>The paths of a stack's backups: the pgBackRest repository and its files, and the point-in-time copies.</summary>
internal sealed record BackupLayout(string Root, string CopiesRoot)
{
    public static BackupLayout Of(StateLayout state) =>
        new(Path.Combine(state.Root, "backup"), Path.Combine(state.Root, "restores"));

    /// <summary>The repository (<c>repo1-path</c>): backups and archived WAL. It outlives every member.</summary>
    public string Repository => Path.Combine(Root, "repo");
    public string ConfigFile => Path.Combine(Root, "pgbackrest.conf");
    public string LogDir => Path.Combine(Root, "log");
    public string LockDir => Path.Combine(Root, "lock");
    public string SpoolDir => Path.Combine(Root, "spool");

    /// <summary>The superuser's password for pgBackRest's connections (libpq password file, 0600).</summary>
    public string PgPass => Path.Combine(Root, "pgpass");

    /// <summary>Present once the stanza exists in the repository.</summary>
    public string StanzaMarker => Path.Combine(Root, "stanza-created");

    public string Copy(string name) => Path.Combine(CopiesRoot, name);
    public string CopyData(string name) => Path.Combine(Copy(name), "data");
    public string CopyLog(string name) => Path.Combine(Copy(name), "postgres.log");
    public string CopyPid(string name) => Path.Combine(Copy(name), "postgres.pid");
    public string CopyRecord(string name) => Path.Combine(Copy(name), "copy.json");
}
