using System.Diagnostics;

namespace Resilience.LocalCluster.Internal;

/// <summary>Finds the built HealthProbes dll under the repository, building it when missing or older than its sources.</summary>
internal static partial class HealthProbesLocator
{
    private const string ProjectDir = "src/HealthProbes";
    private const string AssemblyFile = "HealthProbes.dll";

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
        // The projects it references count too: a build older than a change to Topology reads the spec with old rules.
        var newestSource = ProjectAndReferences(project)
            .SelectMany(dir => Directory.EnumerateFiles(dir, "*.*", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal))
            .Select(File.GetLastWriteTimeUtc)
            .DefaultIfEmpty(DateTime.MinValue)
            .Max();
        // The newest of the output's assemblies: a rebuild after a change to Topology alone may rewrite Topology.dll
        // and leave HealthProbes.dll as it was (its reference assembly did not change).
        if (existing is not null && Directory.EnumerateFiles(Path.GetDirectoryName(existing)!, "*.dll").Max(File.GetLastWriteTimeUtc) >= newestSource)
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

    /// <summary><paramref name="project"/>'s folder and those of the projects it references, transitively.</summary>
    internal static IReadOnlyList<string> ProjectAndReferences(string project)
    {
        var found = new List<string>();
        var pending = new Stack<string>([Path.GetFullPath(project)]);
        while (pending.TryPop(out var dir))
        {
            if (found.Contains(dir, StringComparer.Ordinal) || !Directory.Exists(dir))
            {
                continue;
            }

            found.Add(dir);
            foreach (var csproj in Directory.EnumerateFiles(dir, "*.csproj"))
            {
                foreach (System.Text.RegularExpressions.Match reference in ProjectReference().Matches(File.ReadAllText(csproj)))
                {
                    pending.Push(Path.GetDirectoryName(Path.GetFullPath(Path.Combine(dir, reference.Groups[1].Value.Replace('\\', '/'))))!);
                }
            }
        }

        return found;
    }

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

    [System.Text.RegularExpressions.GeneratedRegex("<ProjectReference\\s+Include=\"([^\"]+)\"")]
    private static partial System.Text.RegularExpressions.Regex ProjectReference();
}
