namespace Resilience.LocalCluster.Internal;

/// <summary>Default values of <see cref="LocalClusterOptions"/> and fixed names of the local platform.</summary>
internal static class LocalClusterConstants
{
    public const string DefaultServiceUser = "postgres";
    public const string StateRoot = "/var/tmp/resilience";
    public static readonly TimeSpan SteadyTimeout = TimeSpan.FromSeconds(120);
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The pseudo-group of the writer's own instance (the bootstrap member and its replacements).</summary>
    public const string PrimaryGroup = "primary";

    public const int MinimumSlots = 8;
    public const string SuperUser = "postgres";
    public const string ReplicationUser = "replicator";
    public const string ProbeUser = "health";
    public const string Host = "127.0.0.1";

    /// <summary>The supervisor's loop period: how quickly a lost member is noticed.</summary>
    public static readonly TimeSpan SupervisorTick = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How often the supervisor's machine-loss watch looks for lost members, apart from its tick: a lost synchronous
    /// standby stalls every commit until Patroni is woken to drop it (issue 15's bound on that stall is 0.3 s).
    /// </summary>
    public static readonly TimeSpan MachineLossWatchPeriod = TimeSpan.FromMilliseconds(50);

    /// <summary>How long a stop path waits for SIGKILLed processes to be gone before it reports them: the kernel reaps them, usually in milliseconds.</summary>
    public static readonly TimeSpan KillWait = TimeSpan.FromSeconds(10);

    /// <summary>How long the supervisor's host waits for the loop to end on SIGTERM before it exits anyway.</summary>
    public static readonly TimeSpan SupervisorShutdown = TimeSpan.FromSeconds(10);

    /// <summary>How long a member's Patroni must stay dead (data intact) before the supervisor restarts it in place.</summary>
    public static readonly TimeSpan RestartGrace = TimeSpan.FromSeconds(2);

    /// <summary>How often metrics are sampled for alarms and autoscaling.</summary>
    public static readonly TimeSpan MetricsInterval = TimeSpan.FromSeconds(1);

    /// <summary>HTTP timeout of the supervisor's and status's calls to Patroni, probes and etcd: a frozen member must not stall them.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromMilliseconds(1500);

    /// <summary>
    /// HAProxy's check read timeout is the check interval, but not below this: Patroni's /primary queries
    /// PostgreSQL, and an overloaded primary on a 2-core machine must not look dead (a false write outage).
    /// A lost member is still found at once: its ports refuse connections.
    /// </summary>
    public const int MinCheckTimeoutMs = 1000;

    /// <summary>Read-gate fallback when HealthProbes is not built: Patroni's /replica with this lag bound.</summary>
    public const string PatroniReplicaCheck = "/replica?lag=1MB";

    /// <summary>How long <c>failover --accept-data-loss</c> waits for the member to run as primary.</summary>
    public static readonly TimeSpan ForcedFailoverTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long a switchover waits for Patroni to record a warm standby as synchronous (it does so a loop after PostgreSQL).</summary>
    public static readonly TimeSpan SyncStandbyWait = TimeSpan.FromSeconds(15);

    public const string GateHealthProbes = "healthprobes";
    public const string GatePatroni = "patroni";
}
