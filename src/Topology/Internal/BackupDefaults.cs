namespace Resilience.Topology.Internal;

/// <summary>Defaults of <c>resilience:backup</c>; docs/configuration.md and infra/spec list the same.</summary>
internal static class BackupDefaults
{
    /// <summary>Daily at 02:00 UTC.</summary>
    public const string Schedule = "0 2 * * *";

    public const int RetentionFullBackups = 2;
    public const double RestoreSeconds = 300;

    /// <summary>Above the local archive timeout (WAL is archived at least this often while writes happen).</summary>
    public const double RecoveryPointSeconds = 60;

    public static BackupSpec Spec { get; } = new(Schedule, RetentionFullBackups, new BackupTargets(RestoreSeconds, RecoveryPointSeconds));
}
