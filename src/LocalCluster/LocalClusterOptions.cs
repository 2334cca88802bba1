using System.ComponentModel.DataAnnotations;
using Resilience.LocalCluster.Internal;
using Resilience.Topology;

namespace Resilience.LocalCluster;

/// <summary>How a <see cref="LocalClusterController"/> realizes a stack; every property is optional.</summary>
public sealed class LocalClusterOptions
{
    /// <summary>Patroni's documented default timing (ttl 30, loop_wait 10, retry_timeout 10): the benchmark's baseline.</summary>
    public static PatroniTiming PatroniDefaultTiming { get; } = new(TtlSeconds: 30, LoopWaitSeconds: 10, RetryTimeoutSeconds: 10);

    /// <summary>The HAProxy timing of Patroni's sample haproxy.cfg (check every 3 s, fall 3, rise 2): the benchmark's baseline.</summary>
    public static HaproxyTiming HaproxySampleTiming { get; } = new(CheckIntervalMs: 3000, Fall: 3, Rise: 2);

    /// <summary>The repository: where <c>Pulumi.&lt;stack&gt;.yaml</c> and <c>src/HealthProbes</c> are.</summary>
    /// <value>Defaults to the nearest folder holding <c>Resilience.sln</c> above the current directory, then above this assembly.</value>
    public string? RepoRoot { get; set; }

    /// <summary>The stack file the supervisor reads again when it (re)starts.</summary>
    /// <value>Defaults to <c>Pulumi.&lt;stack&gt;.yaml</c> in <see cref="RepoRoot"/>.</value>
    public string? StackFilePath { get; set; }

    /// <summary>Where state, secrets and logs live; must be reachable by <see cref="ServiceUser"/>.</summary>
    /// <value>Defaults to the spec's <c>resilience:local.stateDir</c>, else <c>/var/tmp/resilience/&lt;stack&gt;</c>.</value>
    public string? StateDir { get; set; }

    /// <summary>The first port of the stack.</summary>
    /// <value>Defaults to the spec's <c>resilience:local.portBase</c>.</value>
    [Range(1024, 65000)]
    public int? PortBase { get; set; }

    /// <summary>Patroni's ttl, loop_wait and retry_timeout.</summary>
    /// <value>Defaults to the spec's <c>resilience:local.patroni</c>; <see cref="PatroniDefaultTiming"/> for a baseline.</value>
    public PatroniTiming? PatroniTiming { get; set; }

    /// <summary>HAProxy's health check interval, fall and rise.</summary>
    /// <value>Defaults to the spec's <c>resilience:local.haproxy</c>; <see cref="HaproxySampleTiming"/> for a baseline.</value>
    public HaproxyTiming? HaproxyTiming { get; set; }

    /// <summary>
    /// When a primary's machine is lost (processes and data directory gone), the supervisor releases its leader
    /// lock at once (compare-and-delete) so the synchronous standby takes over without waiting for Patroni's ttl.
    /// A hung primary is not lost and is always left to Patroni's ttl.
    /// </summary>
    /// <value>Defaults to true; false for a Patroni-only baseline (the benchmark's <c>--baseline-timing</c>).</value>
    public bool FastFailoverOnMachineLoss { get; set; } = true;

    /// <summary>
    /// The write endpoint routes to the member holding Patroni's leader lock (read from etcd, watched, so a change is
    /// seen at once) once its PostgreSQL is out of recovery, set by the supervisor over HAProxy's runtime API; every
    /// other member is kept out and its sessions cut. No health check of Patroni's REST API is involved, so a primary
    /// whose Patroni answers slowly under overload keeps its writes; only losing the lock takes it out.
    /// </summary>
    /// <value>Defaults to true; false makes HAProxy check Patroni's <c>/primary</c> as Patroni's sample configuration does (the benchmark's baseline).</value>
    public bool WriteEndpointFromLeaderKey { get; set; } = true;

    /// <summary>
    /// How many standbys Patroni keeps synchronous (<c>synchronous_node_count</c>; only with
    /// <c>database.synchronousReplication</c>). Every commit waits for each of them, and a lost one stalls
    /// commits until Patroni drops it from the set (about one loop_wait); in exchange a replica and the primary
    /// can be lost together and a replica with every acknowledged write remains to be promoted.
    /// </summary>
    /// <value>Defaults to null: derived from the spec, 2 when the replica groups allow two or more replicas, else 1. Set 1 for the benchmark's single-standby comparison.</value>
    [Range(1, 15)]
    public int? SynchronousStandbys { get; set; }

    /// <summary>
    /// Where a new replica's data comes from: <see cref="LocalCluster.ReplicaSource.Primary"/> (Patroni's
    /// <c>pg_basebackup</c>) or <see cref="LocalCluster.ReplicaSource.Repository"/> (pgBackRest restores the newest
    /// backup in parallel, then the replica catches up from the archive and by streaming; the copy load stays off the
    /// primary, and the catch-up grows with the WAL written since that backup).
    /// </summary>
    /// <value>Defaults to <see cref="LocalCluster.ReplicaSource.Primary"/>.</value>
    public ReplicaSource ReplicaSource { get; set; } = ReplicaSource.Primary;

    /// <summary>
    /// The supervisor takes a full backup once the stack is first steady, then on <c>resilience:backup.schedule</c>.
    /// WAL is archived from the primary either way.
    /// </summary>
    /// <value>Defaults to true; false leaves backups to <c>backup</c> (tests that need a stack with no backup yet).</value>
    public bool AutomaticBackups { get; set; } = true;

    /// <summary>How long <c>up</c> and <c>scale</c> wait for steady state.</summary>
    /// <value>Defaults to 120 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SteadyTimeout { get; set; } = LocalClusterConstants.SteadyTimeout;

    /// <summary>The built HealthProbes dll run beside every member.</summary>
    /// <value>Defaults to <c>src/HealthProbes/bin/*/net10.0/HealthProbes.dll</c> under <see cref="RepoRoot"/>, built first when missing or older than its sources.</value>
    public string? HealthProbesPath { get; set; }

    /// <summary>When false the read endpoint gates on Patroni's <c>/replica?lag=1MB</c> instead of HealthProbes.</summary>
    /// <value>Defaults to true.</value>
    public bool UseHealthProbes { get; set; } = true;

    /// <summary>The account PostgreSQL and Patroni run as when this process is root (they refuse root).</summary>
    /// <value>Defaults to <c>postgres</c>; ignored when not root (they run as the current user).</value>
    [Required(AllowEmptyStrings = false)]
    public string ServiceUser { get; set; } = LocalClusterConstants.DefaultServiceUser;

    /// <summary>Where progress lines go (<c>up</c>, <c>down</c>); null for none.</summary>
    /// <value>Defaults to null.</value>
    public TextWriter? Progress { get; set; }

    /// <summary>The clock for every wait and timestamp.</summary>
    /// <value>Defaults to <see cref="TimeProvider.System"/>.</value>
    [Required]
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
