namespace Resilience.Topology.Tests;

/// <summary>Finds the repository from the test's output folder, so tests read the real stack files.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string InvalidStacks => Path.Combine(Root, "tests", "Topology.Tests", "TestData", "invalid");

    public static IEnumerable<string> StackFiles() =>
        Directory.GetFiles(Root, "Pulumi.*.yaml").Order(StringComparer.Ordinal);

    /// <summary>Valid files the stacks do not cover (e.g. a key no stack sets yet), read by both readers.</summary>
    public static IEnumerable<string> ValidTestStackFiles() =>
        Directory.GetFiles(Path.Combine(Root, "tests", "Topology.Tests", "TestData", "valid"), "Pulumi.*.yaml").Order(StringComparer.Ordinal);

    public static IEnumerable<string> InvalidStackFiles() =>
        Directory.GetFiles(InvalidStacks, "Pulumi.*.yaml").Order(StringComparer.Ordinal);

    /// <summary>The key path an invalid file must be rejected at, from its first line (<c># expect: ...</c>).</summary>
    public static string ExpectedKeyPath(string file)
    {
        var first = File.ReadLines(file).First();
        const string marker = "# expect: ";
        return first.StartsWith(marker, StringComparison.Ordinal)
            ? first[marker.Length..].Trim()
            : throw new InvalidOperationException($"{file} must start with '{marker}<key path>'");
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
