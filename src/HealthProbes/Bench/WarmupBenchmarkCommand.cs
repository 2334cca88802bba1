using System.CommandLine;
using System.Diagnostics;
using Npgsql;
using Resilience.HealthProbes.Cli;
using Resilience.HealthProbes.Internal;
using Resilience.HealthProbes.Warmup;
using Resilience.Topology.Time;

namespace Resilience.HealthProbes.Bench;

/// <summary><c>bench-warmup</c>: the warm-up's throughput against a plain sequential read (<c>cat</c>) of the same files, in one run.</summary>
/// <remarks>Run it against a replica whose shared buffers are cold (just restarted); the page cache is evicted before each read.</remarks>
internal static class WarmupBenchmarkCommand
{
    public static Command Create(Func<string, string?> environment, TextWriter error)
    {
        var command = new Command("bench-warmup", "Measure warm-up MB/s against cat of the same files (run on a freshly restarted replica).");
        var cli = new CliOptions();
        foreach (var option in cli.Connection)
        {
            command.Add(option);
        }

        var rounds = new Option<int>("--rounds") { Description = "how many times to measure each (default 1)", DefaultValueFactory = _ => 1 };
        command.Add(rounds);
        command.SetAction((parse, token) => HealthProbesCommand.Guarded(error, () =>
        {
            var (options, _, group) = new OptionsReader(cli, new OptionValues(parse, environment)).ReadConnection();
            var count = parse.GetValue(rounds);
            return count < 1 ? throw new UsageException($"--rounds must be >= 1, got {count}") : RunAsync(options, group.Warmup, count, token);
        }));
        return command;
    }

    private static async Task<int> RunAsync(HealthProbesOptions options, Topology.WarmupPolicy policy, int rounds, CancellationToken token)
    {
        await using var pg = new PgConnections(options);
        var clock = new MonotonicClock(TimeProvider.System);
        var plan = await new WarmupPlanner(pg, options.DataDirectory).PlanAsync(policy, token).ConfigureAwait(false);
        var files = await FilesOfAsync(pg, plan, token).ConfigureAwait(false);
        var fileBytes = files.Sum(f => new FileInfo(f).Length);
        Console.WriteLine($"warm-up benchmark: member {options.PgHost}:{options.PgPort}, databases {string.Join(", ", policy.Databases)}, " +
            $"{plan.Relations.Count} relations, {plan.Files.Count} data files (fullStorageRead={policy.FullStorageRead}), {Text.Bytes(plan.TotalBytes)} to read; {files.Count} files, {Text.Bytes(fileBytes)} for cat");
        Console.WriteLine($"  shared_buffers before: {await CachedBlocksAsync(pg, options.PgDatabase, token).ConfigureAwait(false)}");

        for (var round = 1; round <= rounds; round++)
        {
            var evictFailures = PageCache.Evict(files);
            var residentBefore = await PageCache.ResidentBytesAsync(files, token).ConfigureAwait(false);
            var started = clock.Now;
            await new WarmupRunner(pg, clock, new WarmupProgress()).RunAsync(plan, 0, () => true, token).ConfigureAwait(false);
            var warmup = clock.Now - started;

            evictFailures += PageCache.Evict(files);
            var residentBeforeCat = await PageCache.ResidentBytesAsync(files, token).ConfigureAwait(false);
            var catTime = await CatAsync(files, clock, token).ConfigureAwait(false);

            var warmupRate = plan.TotalBytes / 1e6 / warmup.TotalSeconds;
            var catRate = fileBytes / 1e6 / catTime.TotalSeconds;
            var label = rounds == 1 ? "" : $"round {round}: ";
            Console.WriteLine($"  {label}page cache evicted before each read ({(evictFailures == 0 ? "all files" : $"{evictFailures} files failed")}); " +
                $"still cached before warm-up {Resident(residentBefore)}, before cat {Resident(residentBeforeCat)}");
            Console.WriteLine($"    warm-up (pg_prewarm 'buffer'{(plan.Files.Count > 0 ? " + full file read" : "")}): {Text.Bytes(plan.TotalBytes)} in {warmup.TotalSeconds:0.000} s = {warmupRate:0.0} MB/s");
            Console.WriteLine($"    sequential read (cat, same files):  {Text.Bytes(fileBytes)} in {catTime.TotalSeconds:0.000} s = {catRate:0.0} MB/s");
            Console.WriteLine($"    warm-up / cat throughput: {warmupRate / catRate:0.00}");
        }

        Console.WriteLine($"  shared_buffers after: {await CachedBlocksAsync(pg, options.PgDatabase, token).ConfigureAwait(false)}");
        return 0;
    }

    private static string Resident(long? bytes) => bytes is { } b ? Text.Bytes(b) : "unknown (no fincore)";

    /// <summary>The files the plan reads: its data files, and every segment of every relation's main fork.</summary>
    private static async Task<List<string>> FilesOfAsync(PgConnections pg, WarmupPlan plan, CancellationToken token)
    {
        var files = plan.Files.Select(f => f.Path).ToList();
        foreach (var database in plan.Relations.GroupBy(r => r.Database))
        {
            await using var connection = await pg.For(database.Key).OpenConnectionAsync(token).ConfigureAwait(false);
            foreach (var relation in database)
            {
                await using var command = new NpgsqlCommand(
                    "SELECT current_setting('data_directory') || '/' || pg_relation_filepath($1::bigint::oid::regclass)", connection)
                {
                    Parameters = { new() { Value = (long)relation.Oid } },
                };
                if (await command.ExecuteScalarAsync(token).ConfigureAwait(false) is not string path)
                {
                    continue;
                }

                for (var segment = 0; File.Exists(segment == 0 ? path : $"{path}.{segment}"); segment++)
                {
                    files.Add(segment == 0 ? path : $"{path}.{segment}");
                }
            }
        }

        return files;
    }

    private static async Task<TimeSpan> CatAsync(List<string> files, MonotonicClock clock, CancellationToken token)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec cat -- \"$@\" > /dev/null");
        start.ArgumentList.Add("cat");
        foreach (var file in files)
        {
            start.ArgumentList.Add(file);
        }

        var started = clock.Now;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start cat");
        await process.WaitForExitAsync(token).ConfigureAwait(false);
        return process.ExitCode == 0 ? clock.Now - started : throw new InvalidOperationException($"cat exited with {process.ExitCode}");
    }

    private static async Task<string> CachedBlocksAsync(PgConnections pg, string database, CancellationToken token)
    {
        try
        {
            await using var connection = await pg.For(database).OpenConnectionAsync(token).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT count(*) FILTER (WHERE relfilenode IS NOT NULL) || ' of ' || count(*) || ' buffers in use' FROM pg_buffercache", connection);
            return await command.ExecuteScalarAsync(token).ConfigureAwait(false) as string ?? "?";
        }
        catch (PostgresException e)
        {
            return $"unknown ({Errors.OneLine(e)}; CREATE EXTENSION pg_buffercache on the primary to see it)";
        }
    }
}
