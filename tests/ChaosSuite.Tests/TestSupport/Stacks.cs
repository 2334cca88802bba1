using Resilience.Topology;

namespace Resilience.ChaosSuite.Tests.TestSupport;

/// <summary>The repository's stack files, and variants of them for tests.</summary>
public static class Stacks
{
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>Pulumi.local.yaml as the user has it.</summary>
    public static StackSpec Local() => StackSpecLoader.LoadStack(RepoRoot, "local");

    /// <summary>
    /// A copy of Pulumi.local.yaml named <paramref name="stack"/> in a new temporary directory (with a Pulumi.yaml),
    /// with its local ports and state directory replaced; returns the directory.
    /// </summary>
    public static string WriteLocalCopy(string stack, int portBase, string stateDir, IReadOnlyList<string>? gameday = null)
    {
        var dir = Directory.CreateTempSubdirectory("chaos-stack-").FullName;
        File.Copy(Path.Combine(RepoRoot, "Pulumi.yaml"), Path.Combine(dir, "Pulumi.yaml"));
        var text = File.ReadAllText(Path.Combine(RepoRoot, "Pulumi.local.yaml"));
        text = System.Text.RegularExpressions.Regex.Replace(text, @"portBase: \d+", $"portBase: {portBase}\n    stateDir: {stateDir}");
        if (gameday is not null)
        {
            var start = text.IndexOf("    scenarios:", StringComparison.Ordinal);
            var end = text.IndexOf("    schedule:", StringComparison.Ordinal);
            text = text[..start] + "    scenarios:\n" + string.Concat(gameday.Select(s => $"      - {s}\n")) + text[end..];
        }

        File.WriteAllText(Path.Combine(dir, $"Pulumi.{stack}.yaml"), text);
        return dir;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Resilience.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Resilience.sln not found above " + AppContext.BaseDirectory);
    }
}
