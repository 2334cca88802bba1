using System.Diagnostics;
using System.Globalization;
using Resilience.LocalCluster;

namespace Resilience.Bench.Growth;

/// <summary>Fills the application database through the write endpoint with pgbench's initializer, so replicas copy it like real data.</summary>
internal static class PgbenchLoader
{
    /// <summary>The scale for about <paramref name="gb"/> GB of tables and indexes.</summary>
    public static int ScaleFor(double gb) => Math.Max(1, (int)Math.Round(gb * 1024 / BenchConstants.PgbenchMbPerScale));

    /// <summary>
    /// Runs <c>pgbench -i -s scale</c> (drop, create, server-side generate, vacuum, primary keys) and waits for it.
    /// Cancelled, it kills the pgbench it started.
    /// </summary>
    /// <exception cref="InvalidOperationException">pgbench is missing or failed; the message holds its last output.</exception>
    public static async Task LoadAsync(LocalClusterController controller, int scale, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(controller);
        var pgbench = Locate();
        var credentials = controller.GetCredentials();
        var write = controller.WriteEndpoint;
        var start = new ProcessStartInfo(pgbench)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "-i", "-I", "dtGvp", "-s", scale.ToString(CultureInfo.InvariantCulture), "-q",
            "-h", write.Host, "-p", write.Port.ToString(CultureInfo.InvariantCulture), "-U", credentials.User, credentials.Database,
        })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PGPASSWORD"] = credentials.Password;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {pgbench}");
        var tail = new Queue<string>();
        void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (tail)
            {
                tail.Enqueue(line);
                if (tail.Count > 5)
                {
                    tail.Dequeue();
                }
            }
        }

        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pgbench -i -s {scale} failed with exit code {process.ExitCode}: {string.Join(" / ", tail)}");
        }

        await log.WriteLineAsync($"  pgbench -i -s {scale}: done");
    }

    private static string Locate()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin", "pgbench"))
            : [];
        return candidates.Append("/usr/bin/pgbench").FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("pgbench not found (install postgresql-contrib / postgresql-15 with ./scripts/setup)");
    }
}
