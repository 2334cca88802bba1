using System.Diagnostics;

namespace Resilience.LocalCluster.Internal;

/// <summary>Finds the built HealthProbes dll under the repository, building it when missing or older than its sources.</summary>
internal static class HealthProbesLocator
{
    private const string ProjectDir = "src/HealthProbes";
    private const string AssemblyFile = "HealthProbes.dll";

    /// <summary>The projects HealthProbes references (its csproj).</summary>
    private static readonly string[] ReferencedProjectDirs = ["src/Topology", "src/Shutdown"];

    /// <summary>The longest up waits for HealthProbes to build (a cold build on a busy 2-core machine takes about a minute).</summary>
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The dll, or null with the reason when HealthProbes cannot be built (the read gate then falls back to Patroni).</summary>
    public static async Task<(string? Dll, string? Problem)> LocateAsync(string repoRoot, string dotnet, TextWriter? progress, CancellationToken ct)
    {
        var project = Path.Combine(repoRoot, ProjectDir);
        if (!Directory.Exists(project) || !Directory.EnumerateFiles(project, "*.cs", SearchOption.TopDirectoryOnly).Any())
        {
            return (null, $"{ProjectDir} has no sources yet");
        }

        var existing = Built(project);
        // The projects it references count too: a HealthProbes built before a Topology change reads the stack file with
        // the old rules (an alarm metric added since is "unknown"), and every gate stays closed.
        var newestSource = ReferencedProjectDirs.Append(ProjectDir).Select(d => Path.Combine(repoRoot, d)).Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.*", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal))
            .Select(File.GetLastWriteTimeUtc)
            .DefaultIfEmpty(DateTime.MinValue)
            .Max();
        if (existing is not null && BuiltAt(existing) >= newestSource)
        {
            return (existing, null);
        }

        progress?.WriteLine($"building {ProjectDir} (HealthProbes gates the read endpoint)...");
        var psi = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = repoRoot,
        };
        foreach (var a in new[] { "build", ProjectDir, "-nologo", "-v", "q", "-clp:NoSummary" })
        {
            psi.ArgumentList.Add(a);
        }

        using var build = Process.Start(psi)!;
        var stdout = build.StandardOutput.ReadToEndAsync(ct);
        var stderr = build.StandardError.ReadToEndAsync(ct);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(BuildTimeout);
        try
        {
            await build.WaitForExitAsync(bounded.Token);
        }
        catch (OperationCanceledException)
        {
            // Interrupted or too slow: the build must not outlive up.
            build.Kill(entireProcessTree: true);
            await build.WaitForExitAsync(CancellationToken.None);
            ct.ThrowIfCancellationRequested();
            return (Built(project), $"dotnet build {ProjectDir} took longer than {BuildTimeout.TotalSeconds:0} s");
        }

        var output = await stdout + await stderr;
        if (build.ExitCode != 0)
        {
            var firstError = output.Split('\n').FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase))?.Trim();
            return (Built(project), $"dotnet build {ProjectDir} failed: {firstError ?? "see its output"}");
        }

        return Built(project) is { } dll ? (dll, null) : (null, $"dotnet build {ProjectDir} produced no {AssemblyFile}");
    }

    /// <summary>
    /// When the build beside <paramref name="dll"/> last ran: its newest assembly (a build that only had to recompile
    /// Topology leaves HealthProbes.dll as it was and writes a new Topology.dll beside it).
    /// </summary>
    private static DateTime BuiltAt(string dll) =>
        Directory.EnumerateFiles(Path.GetDirectoryName(dll)!, "*.dll").Select(File.GetLastWriteTimeUtc).DefaultIfEmpty(File.GetLastWriteTimeUtc(dll)).Max();

    private static string? Built(string project)
    {
        var bin = Path.Combine(project, "bin");
        return Directory.Exists(bin)
            ? Directory.EnumerateFiles(bin, AssemblyFile, SearchOption.AllDirectories)
                .Where(f => File.Exists(Path.ChangeExtension(f, ".runtimeconfig.json")))
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault()
            : null;
    }
}
