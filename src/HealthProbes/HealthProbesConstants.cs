namespace Resilience.HealthProbes;

/// <summary>Default values of <see cref="HealthProbesOptions"/> and of the service's fixed tunables.</summary>
internal static class HealthProbesConstants
{
    public const string PgHost = "127.0.0.1";
    public const int PgPort = 5432;
    public const string Listen = "127.0.0.1:8098";
    public const int ProbeTimeoutMs = 1000;
    public const int PollIntervalMs = 250;

    /// <summary>The only environment variable the password is read from (or <c>--pg-password-file</c>).</summary>
    public const string PasswordEnvironmentVariable = "RESILIENCE_PGPASSWORD";

    /// <summary>Every other option may come from <c>HEALTHPROBES_&lt;OPTION_NAME&gt;</c> when not on the command line.</summary>
    public const string EnvironmentPrefix = "HEALTHPROBES_";

    public const string ApplicationName = "healthprobes";
    public const string StateFileName = "warmup-state.json";

    /// <summary>pg_prewarm is called per chunk so progress moves and the I/O rate can be paced.</summary>
    public const long PrewarmChunkBytes = 4L * 1024 * 1024;
    public const int FullReadBufferBytes = 1024 * 1024;
    public static readonly TimeSpan WarmupRetryDelay = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan IdentityRecheckInterval = TimeSpan.FromSeconds(5);

    /// <summary>How long before an open gate's answers turn stale HAProxy is told to take the member out (a socket round trip is about a millisecond).</summary>
    public static readonly TimeSpan StalePushMargin = TimeSpan.FromMilliseconds(50);
}
