namespace Resilience.Bench;

/// <summary>What one benchmark run does; the command line fills it (see <c>bench/README.md</c>).</summary>
public sealed class BenchSettings
{
    /// <summary>Gets or sets the repository root (stack files, HealthProbes).</summary>
    /// <value>Defaults to the folder holding <c>Resilience.sln</c> above the current directory.</value>
    public required string RepoRoot { get; set; }

    /// <summary>Gets or sets the stack file our configuration's timing and the shared workload come from.</summary>
    /// <value>Defaults to <c>Pulumi.local.yaml</c> in <see cref="RepoRoot"/>.</value>
    public required string SourceStackFile { get; set; }

    /// <summary>Gets or sets where results go: <c>recovery-bench.md</c>, <c>recovery-bench.json</c> and one chaos report per run.</summary>
    /// <value>Defaults to <c>bench/results/&lt;date-time&gt;</c>.</value>
    public required string OutDir { get; set; }

    /// <summary>Gets or sets where the clusters' state (data, logs) and generated stack files live; must be reachable by the postgres user.</summary>
    /// <value>Defaults to <c>/var/tmp/resilience-bench</c>.</value>
    public string StateRoot { get; set; } = BenchConstants.StateRoot;

    /// <summary>Gets or sets the first port; ours, baseline and growth clusters take 200-port blocks from it, within 29000-29999.</summary>
    /// <value>Defaults to 29000.</value>
    public int PortBase { get; set; } = BenchConstants.PortBase;

    /// <summary>Gets or sets how many times each scenario runs on each configuration.</summary>
    /// <value>Defaults to 5 (1 with <c>--quick</c>).</value>
    public int Runs { get; set; } = BenchConstants.Runs;

    /// <summary>Gets or sets how many times each growth point runs.</summary>
    /// <value>Defaults to 3 (1 with <c>--quick</c>).</value>
    public int GrowthRuns { get; set; } = BenchConstants.GrowthRuns;

    /// <summary>Gets or sets the compared scenarios, in order.</summary>
    /// <value>Defaults to the stack's game-day scenarios.</value>
    public IReadOnlyList<string> Scenarios { get; set; } = [];

    /// <summary>Gets or sets the database sizes of the size series, in GB; empty skips it.</summary>
    /// <value>Defaults to 0.1, 1 and 4 (0.1 and 1 with <c>--quick</c>).</value>
    public IReadOnlyList<double> SizesGb { get; set; } = BenchConstants.SizesGb;

    /// <summary>Gets or sets the write rates of the rate series, in writes/s; empty skips it.</summary>
    /// <value>Defaults to 50, 500 and 2000.</value>
    /// <summary>Gets or sets the database sizes (GB) of the restore series: the table-corruption and cluster-loss drills next to the sequential-copy floor.</summary>
    /// <value>Defaults to 0.1, 1 and 4 GB (<c>--quick</c>: 0.1).</value>
    public IReadOnlyList<double> RestoreSizesGb { get; set; } = BenchConstants.RestoreSizesGb;

    public IReadOnlyList<int> WriteRates { get; set; } = BenchConstants.WriteRates;

    /// <summary>Gets or sets the replica counts of the replica series; empty skips it.</summary>
    /// <value>Defaults to 2, 4 and 6.</value>
    public IReadOnlyList<int> ReplicaCounts { get; set; } = BenchConstants.ReplicaCounts;

    /// <summary>Gets or sets the synchronous_node_count values of the synchronous-standbys series (commit latency, write stall on a replica's loss); empty skips it.</summary>
    /// <value>Defaults to 1 and 2.</value>
    public IReadOnlyList<int> SynchronousStandbys { get; set; } = BenchConstants.SynchronousStandbys;

    /// <summary>Gets or sets whether the ours-vs-baseline comparison runs.</summary>
    /// <value>Defaults to true.</value>
    public bool Comparison { get; set; } = true;

    /// <summary>Gets or sets where our configuration's new replicas get their data (<c>--replica-source</c>).</summary>
    /// <value>Defaults to the primary (pg_basebackup), LocalCluster's default.</value>
    public LocalCluster.ReplicaSource ReplicaSource { get; set; } = LocalCluster.ReplicaSource.Primary;

    /// <summary>
    /// Gets or sets whether the comparison runs the baseline too; without it only ours runs, so a long series of one
    /// scenario (15 consecutive primary kills for the write-gap median and worst) takes minutes, not an hour.
    /// </summary>
    /// <value>Defaults to true (<c>--ours-only</c> sets false).</value>
    public bool Baseline { get; set; } = true;

    /// <summary>Gets or sets how long a cluster may take to reach steady state (start, scale, settle between runs).</summary>
    /// <value>Defaults to 5 minutes.</value>
    public TimeSpan SteadyTimeout { get; set; } = BenchConstants.SteadyTimeout;

    /// <summary>Gets or sets whether the clusters' state directories (logs) are kept after they are stopped.</summary>
    /// <value>Defaults to false.</value>
    public bool KeepState { get; set; }

    /// <summary>Gets or sets the seed of every scenario's random choices (a run's seed is this plus its index).</summary>
    /// <value>Defaults to 1.</value>
    public int Seed { get; set; } = 1;

    /// <summary>Gets or sets how many times its default load primary-overload runs at (ramp steps and ceiling multiplied, ramping on past the alarm).</summary>
    /// <value>Defaults to 1: the scenario as the game-day runs it.</value>
    public int OverloadFactor { get; set; } = 1;

    /// <summary>Gets or sets the command line, for the report.</summary>
    /// <value>Defaults to empty.</value>
    public string Command { get; set; } = "";

    /// <summary>Gets or sets the clock.</summary>
    /// <value>Defaults to <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
