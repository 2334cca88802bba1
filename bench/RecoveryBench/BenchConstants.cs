namespace Resilience.Bench;

/// <summary>Default values of <see cref="BenchSettings"/>.</summary>
internal static class BenchConstants
{
    public const int Runs = 5;
    public const int QuickRuns = 1;
    public const int GrowthRuns = 3;
    public const int QuickGrowthRuns = 1;

    /// <summary>The benchmark's own port range is 29000-29999: ours, baseline and the growth cluster each get a 200-port block.</summary>
    public const int PortBase = 29000;
    public const int PortBlock = 200;
    public const int LastPort = 29999;

    /// <summary>The heaviest --overload-factor: 3 x 40 connections, with the workload and the platform, stays under max_connections 200.</summary>
    public const int MaxOverloadFactor = 3;

    public const string StateRoot = "/var/tmp/resilience-bench";
    public const string OutDir = "bench/results";

    public static readonly TimeSpan SteadyTimeout = TimeSpan.FromMinutes(5);

    public static readonly IReadOnlyList<double> SizesGb = [0.1, 1, 4];
    public static readonly IReadOnlyList<double> QuickSizesGb = [0.1, 1];

    /// <summary>Database sizes of the restore series (table-corruption and cluster-loss drills).</summary>
    public static readonly IReadOnlyList<double> RestoreSizesGb = [0.1, 1, 4];
    public static readonly IReadOnlyList<int> WriteRates = [50, 500, 2000];
    public static readonly IReadOnlyList<int> ReplicaCounts = [2, 4, 6];

    /// <summary>synchronous_node_count values of the synchronous-standbys series: one standby (before issue 19) and two (after).</summary>
    public static readonly IReadOnlyList<int> SynchronousStandbys = [1, 2];

    /// <summary>Steady workload before the fault in the synchronous-standbys series: enough commits for a p99.</summary>
    public static readonly TimeSpan SynchronousPreFault = TimeSpan.FromSeconds(20);

    /// <summary>pgbench: about 15 MB of table and index per unit of scale (pgbench_accounts holds 100 000 rows per unit).</summary>
    public const double PgbenchMbPerScale = 15.0;
}
