using Resilience.LocalCluster;
using Resilience.Topology;

namespace Resilience.Bench.Configurations;

/// <summary>One of the two local configurations the benchmark compares.</summary>
/// <param name="Name">Short name used in tables (<c>ours</c>, <c>baseline</c>).</param>
/// <param name="Description">What it is, one line.</param>
/// <param name="Patroni">Patroni's ttl, loop_wait and retry_timeout.</param>
/// <param name="Haproxy">HAProxy's health check interval, fall and rise.</param>
/// <param name="WarmupGate">
/// True when the read endpoint checks HealthProbes' warm-up gate (<c>/health/ready</c>); false when it
/// checks Patroni's replica endpoint (<c>/replica?lag=1MB</c>), as Patroni's sample HAProxy configuration does.
/// </param>
/// <param name="ClientPipeline">The client side: the chaos suite's pipeline, the same for both (the issue asks for the same workload).</param>
public sealed record BenchConfiguration(
    string Name,
    string Description,
    PatroniTiming Patroni,
    HaproxyTiming Haproxy,
    bool WarmupGate,
    string ClientPipeline)
{
    /// <summary>The name of our configuration.</summary>
    public const string OursName = "ours";

    /// <summary>The name of the baseline configuration.</summary>
    public const string BaselineName = "baseline";

    /// <summary>
    /// True when LocalCluster's supervisor releases a lost primary's leader lock at once (our configuration);
    /// false for Patroni alone, which waits for the lock's ttl.
    /// </summary>
    /// <value>Defaults to true.</value>
    public bool FastFailoverOnMachineLoss { get; init; } = true;

    /// <summary>
    /// True when the write endpoint follows Patroni's leader lock, set by LocalCluster's supervisor (our configuration);
    /// false for HAProxy checking Patroni's <c>/primary</c>, as Patroni's sample configuration does.
    /// </summary>
    /// <value>Defaults to true.</value>
    public bool WriteFromLeaderKey { get; init; } = true;

    /// <summary>Patroni's synchronous_node_count, or null for LocalCluster's derivation from the spec.</summary>
    /// <value>Defaults to null.</value>
    public int? SynchronousStandbys { get; init; }

    /// <summary>Where a new replica's data comes from (LocalCluster's <see cref="LocalCluster.ReplicaSource"/>).</summary>
    /// <value>Defaults to the primary (pg_basebackup).</value>
    public ReplicaSource ReplicaSource { get; init; } = ReplicaSource.Primary;

    /// <summary>The client pipeline both configurations use.</summary>
    public const string SuitePipeline = "chaos suite pipeline (attempt timeout 2 s, write retries 10, read retries 3, read fallback to primary)";

    /// <summary>The stack's tuned timing, from its <c>resilience:local</c> keys.</summary>
    public static BenchConfiguration Ours(StackSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new BenchConfiguration(OursName, "the stack's tuned timing (Pulumi.local.yaml resilience:local), HealthProbes warm-up gate",
            spec.Local.Patroni, spec.Local.Haproxy, WarmupGate: true, SuitePipeline);
    }

    /// <summary>Patroni's documented defaults and the HAProxy timing of Patroni's sample haproxy.cfg.</summary>
    public static BenchConfiguration Baseline() =>
        new(BaselineName, "Patroni's documented defaults, HAProxy timing of Patroni's sample haproxy.cfg, read check on Patroni's /replica",
            new PatroniTiming(TtlSeconds: 30, LoopWaitSeconds: 10, RetryTimeoutSeconds: 10),
            new HaproxyTiming(CheckIntervalMs: 3000, Fall: 3, Rise: 2),
            WarmupGate: false,
            SuitePipeline)
        {
            FastFailoverOnMachineLoss = false,
            WriteFromLeaderKey = false,
        };

    /// <summary>One line for reports.</summary>
    public string Timing =>
        $"Patroni ttl {Patroni.TtlSeconds} s / loop_wait {Patroni.LoopWaitSeconds} s / retry_timeout {Patroni.RetryTimeoutSeconds} s; " +
        $"HAProxy check every {Haproxy.CheckIntervalMs} ms, fall {Haproxy.Fall}, rise {Haproxy.Rise}; " +
        $"failover: {(FastFailoverOnMachineLoss ? "lost primary's lock released at once" : "Patroni's ttl")}; " +
        $"write routing: {(WriteFromLeaderKey ? "leader lock (supervisor, runtime API)" : "HAProxy check of Patroni /primary")}; " +
        $"read check: {(WarmupGate ? "HealthProbes /health/ready (warm-up gate)" : "Patroni /replica?lag=1MB (no warm-up gate)")}; " +
        $"new replicas: {(ReplicaSource == ReplicaSource.Repository ? "pgBackRest restore of the newest backup, then archive and streaming" : "pg_basebackup from the primary")}";
}
