using System.CommandLine;
using System.Globalization;
using Resilience.Bench.Running;
using Resilience.ChaosSuite.Scenarios;
using Resilience.Shutdown;
using Resilience.Topology;

namespace Resilience.Bench.Cli;

/// <summary>The <c>recovery-bench</c> command line.</summary>
internal static class BenchCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var quick = new Option<bool>("--quick") { Description = "One run per scenario and configuration, one per growth point, sizes 0.1 and 1 GB" };
        var runs = new Option<int?>("--runs") { Description = "Runs of each scenario on each configuration (default 5; --quick 1)" };
        var growthRuns = new Option<int?>("--growth-runs") { Description = "Runs of each growth point (default 3; --quick 1)" };
        var outDir = new Option<string?>("--out") { Description = "Output directory (default bench/results/<date-time>)" };
        var scenarios = new Option<string?>("--scenarios") { Description = "Compared scenarios, comma-separated (default: the stack's game-day)" };
        var sizes = new Option<string?>("--sizes") { Description = "Database sizes in GB for the size series, or none (default 0.1,1,4; --quick 0.1,1)" };
        var rates = new Option<string>("--rates") { Description = "Write rates for the rate series, or none", DefaultValueFactory = _ => "50,500,2000" };
        var replicas = new Option<string>("--replicas") { Description = "Replica counts for the replica series, or none", DefaultValueFactory = _ => "2,4,6" };
        var syncStandbys = new Option<string>("--sync-standbys") { Description = "synchronous_node_count values for the commit-latency series, or none", DefaultValueFactory = _ => "1,2" };
        var noComparison = new Option<bool>("--no-comparison") { Description = "Skip the ours-vs-baseline comparison (growth series only)" };
        var restoreSizes = new Option<string?>("--restore-sizes") { Description = "Database sizes in GB for the restore series (table-corruption and cluster-loss drills), or none (default 0.1,1,4; --quick 0.1)" };
        var noGrowth = new Option<bool>("--no-growth") { Description = "Skip every growth series" };
        var replicaSource = new Option<string>("--replica-source") { Description = "Where our new replicas get their data: primary (pg_basebackup) or repository (pgBackRest restore of the newest backup)", DefaultValueFactory = _ => "primary" };
        var oursOnly = new Option<bool>("--ours-only") { Description = "Run the comparison's scenarios on ours only (no baseline cluster): a long series of one scenario" };
        var portBase = new Option<int>("--port-base") { Description = "First port; three 200-port blocks must fit in 29000-29999", DefaultValueFactory = _ => BenchConstants.PortBase };
        var stateRoot = new Option<string>("--state-root") { Description = "Where cluster state lives (must be reachable by the postgres user)", DefaultValueFactory = _ => BenchConstants.StateRoot };
        var stackFile = new Option<string?>("--stack-file") { Description = "The stack file ours comes from (default Pulumi.local.yaml)" };
        var keepState = new Option<bool>("--keep-state") { Description = "Keep the clusters' state and logs after stopping them" };
        var seed = new Option<int>("--seed") { Description = "Seed of the scenarios' random choices", DefaultValueFactory = _ => 1 };
        var overloadFactor = new Option<int>("--overload-factor")
        {
            Description = "primary-overload at N times its load (ramp steps and ceiling x N, on past the alarm to the ceiling)",
            DefaultValueFactory = _ => 1,
        };
        var root = new RootCommand("Recovery benchmark: our tuned stack against Patroni's defaults on this machine, plus growth series.")
        {
            quick, runs, growthRuns, outDir, scenarios, sizes, restoreSizes, rates, replicas, syncStandbys, noComparison, noGrowth, oursOnly, replicaSource, portBase, stateRoot, stackFile, keepState, seed, overloadFactor,
        };

        // Never die with clusters running: every signal only asks the run to stop; the finally stops them.
        using var interrupt = new ShutdownSignal(new ShutdownSignalOptions
        {
            FirstSignalMessage = "bench: interrupted; rolling back the running scenario, writing the report and stopping every cluster",
            RepeatedSignalMessage = "bench: still stopping the clusters; wait for it (their pids are in their state directories)",
        });

        root.SetAction(async (parse, _) =>
        {
            var repo = RepoRoot();
            if (repo is null)
            {
                await Console.Error.WriteLineAsync("bench: Resilience.sln not found above the current directory; run it from the repository (./bench/recovery)");
                return 2;
            }

            var isQuick = parse.GetValue(quick);
            var settings = new BenchSettings
            {
                RepoRoot = repo,
                SourceStackFile = Path.GetFullPath(parse.GetValue(stackFile) ?? Path.Combine(repo, "Pulumi.local.yaml")),
                OutDir = Path.GetFullPath(parse.GetValue(outDir) ?? Path.Combine(repo, BenchConstants.OutDir, TimeProvider.System.GetLocalNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture))),
                StateRoot = Path.GetFullPath(parse.GetValue(stateRoot)!),
                PortBase = parse.GetValue(portBase),
                Runs = parse.GetValue(runs) ?? (isQuick ? BenchConstants.QuickRuns : BenchConstants.Runs),
                GrowthRuns = parse.GetValue(growthRuns) ?? (isQuick ? BenchConstants.QuickGrowthRuns : BenchConstants.GrowthRuns),
                Comparison = !parse.GetValue(noComparison),
                Baseline = !parse.GetValue(oursOnly),
                KeepState = parse.GetValue(keepState),
                Seed = parse.GetValue(seed),
                OverloadFactor = parse.GetValue(overloadFactor),
                Command = "./bench/recovery " + string.Join(' ', args),
            };

            if (!Enum.TryParse<LocalCluster.ReplicaSource>(parse.GetValue(replicaSource), ignoreCase: true, out var source) || !Enum.IsDefined(source))
            {
                await Console.Error.WriteLineAsync($"bench: --replica-source must be primary or repository, got '{parse.GetValue(replicaSource)}'");
                return 2;
            }

            settings.ReplicaSource = source;
            var problem = Fill(settings, parse.GetValue(scenarios), parse.GetValue(sizes) ?? (isQuick ? "0.1,1" : "0.1,1,4"), parse.GetValue(rates)!, parse.GetValue(replicas)!, parse.GetValue(syncStandbys)!, parse.GetValue(noGrowth))
                ?? FillRestoreSizes(settings, parse.GetValue(restoreSizes) ?? (isQuick ? "0.1" : "0.1,1,4"), parse.GetValue(noGrowth));
            if (problem is not null)
            {
                await Console.Error.WriteLineAsync($"bench: {problem}");
                return 2;
            }

            return await RunAsync(settings, interrupt.Token);
        });

        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, CancellationToken.None);
    }

    private static string? Fill(BenchSettings settings, string? scenarios, string sizes, string rates, string replicas, string syncStandbys, bool noGrowth)
    {
        if (!File.Exists(settings.SourceStackFile))
        {
            return $"stack file {settings.SourceStackFile} not found (--stack-file)";
        }

        if (settings.Runs < 1 || settings.GrowthRuns < 1)
        {
            return $"--runs and --growth-runs must be at least 1, got {settings.Runs} and {settings.GrowthRuns}";
        }

        if (settings.OverloadFactor is < 1 or > BenchConstants.MaxOverloadFactor)
        {
            return $"--overload-factor must be 1-{BenchConstants.MaxOverloadFactor} (its ceiling of {BenchConstants.MaxOverloadFactor * 40} connections stays under the members' max_connections), got {settings.OverloadFactor}";
        }

        if (settings.PortBase < BenchConstants.PortBase || settings.PortBase + (3 * BenchConstants.PortBlock) - 1 > BenchConstants.LastPort)
        {
            return $"--port-base {settings.PortBase}: the benchmark's three clusters need 600 ports within {BenchConstants.PortBase}-{BenchConstants.LastPort} (other work uses 25400-28999)";
        }

        if (scenarios is not null)
        {
            var names = scenarios.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var unknown = names.FirstOrDefault(n => ScenarioCatalog.Create(n) is null);
            if (unknown is not null)
            {
                return $"--scenarios: unknown scenario '{unknown}'; known: {string.Join(", ", ScenarioCatalog.Names)}";
            }

            settings.Scenarios = names;
        }

        var (sizeList, sizeError) = ListParser.Numbers(sizes, "--sizes", 0.01, 64);
        var (rateList, rateError) = ListParser.Integers(rates, "--rates", 1, 20000);
        var (replicaList, replicaError) = ListParser.Integers(replicas, "--replicas", 1, 8);
        var (syncList, syncError) = ListParser.Integers(syncStandbys, "--sync-standbys", 1, 2);
        if ((sizeError ?? rateError ?? replicaError ?? syncError) is { } error)
        {
            return error;
        }

        settings.SizesGb = noGrowth ? [] : sizeList;
        settings.WriteRates = noGrowth ? [] : rateList;
        settings.ReplicaCounts = noGrowth ? [] : replicaList;
        settings.SynchronousStandbys = noGrowth ? [] : syncList;
        return null;
    }

    private static string? FillRestoreSizes(BenchSettings settings, string sizes, bool noGrowth)
    {
        var (list, error) = ListParser.Numbers(sizes, "--restore-sizes", 0.01, 64);
        settings.RestoreSizesGb = noGrowth ? [] : list;
        return error;
    }

    private static async Task<int> RunAsync(BenchSettings settings, CancellationToken interrupt)
    {
        var progress = new BenchProgress(Console.Out);
        progress.Line($"bench: results in {settings.OutDir}; clusters under {settings.StateRoot}, ports {settings.PortBase}-{settings.PortBase + (3 * BenchConstants.PortBlock) - 1}");
        var runner = new BenchRunner(settings, progress);

        // One stop path: SIGINT, SIGTERM and SIGHUP only cancel (ShutdownSignal), and RunAsync's finally stops every
        // cluster before it returns. (A blocking stop in a ProcessExit handler used to race that finally.)
        var report = await runner.RunAsync(interrupt);
        progress.Line("");
        progress.Line(Reports.MarkdownReport.Render(report));
        progress.Line($"bench: wrote {Path.Combine(settings.OutDir, "recovery-bench.md")} and recovery-bench.json");
        return report.Notes.Any(n => n.StartsWith("interrupted", StringComparison.Ordinal) || n.StartsWith("stopped early", StringComparison.Ordinal)) ? 3 : 0;
    }

    private static string? RepoRoot() => RepositoryLocator.FindAbove(Directory.GetCurrentDirectory(), RepositoryLocator.SolutionFile);
}
