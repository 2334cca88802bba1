using System.Diagnostics;
using Resilience.ChaosSuite.Tests.TestSupport;

namespace Resilience.ChaosSuite.Tests.Container;

/// <summary>
/// What can be checked of the chaos suite's Dockerfile without a container engine (none runs here): every
/// COPY source exists in the repository, and the publish step it runs works and gives a CLI that starts.
/// </summary>
public class DockerfileTests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(Stacks.RepoRoot, "Dockerfile"));

    [Fact]
    public void Every_copy_source_from_the_build_context_exists()
    {
        var sources = Lines
            .Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from=", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1])
            .ToList();

        Assert.Contains("src/", sources);
        Assert.Contains("Pulumi.*.yaml", sources);
        var missing = sources.Where(s => !Exists(s)).ToList();
        Assert.True(missing.Count == 0, $"Dockerfile COPY sources missing from the repository: {string.Join(", ", missing)}");
    }

    [Fact]
    public async Task The_publish_step_of_the_build_stage_gives_a_chaos_cli_that_runs()
    {
        var publish = Lines.Single(l => l.StartsWith("RUN dotnet publish ", StringComparison.Ordinal))["RUN ".Length..];
        var output = Directory.CreateTempSubdirectory("chaos-publish-").FullName;
        try
        {
            // The Dockerfile's own command, with its output folder moved to a temporary one.
            var (code, log) = await RunAsync("dotnet", publish.Replace("-o /out", $"-o {output}", StringComparison.Ordinal)[("dotnet ".Length)..]);
            Assert.True(code == 0, log);

            var (listCode, list) = await RunAsync("dotnet", $"{Path.Combine(output, "chaos.dll")} list");
            Assert.Equal(0, listCode);
            Assert.Contains("primary-failure", list, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static bool Exists(string source)
    {
        var path = Path.Combine(Stacks.RepoRoot, source);
        return source.Contains('*', StringComparison.Ordinal)
            ? Directory.EnumerateFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path)).Any()
            : File.Exists(path) || Directory.Exists(path);
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = Stacks.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        var stdout = process.StandardOutput.ReadToEndAsync(cancel.Token);
        var stderr = process.StandardError.ReadToEndAsync(cancel.Token);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
