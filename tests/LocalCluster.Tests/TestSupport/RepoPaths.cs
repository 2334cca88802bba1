namespace Resilience.LocalCluster.Tests.TestSupport;

/// <summary>Finds the repository from the test's output folder, so tests read the real stack files.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string LocalStackFile => Path.Combine(Root, "Pulumi.local.yaml");

    public static string LocalClusterDll => typeof(LocalClusterController).Assembly.Location;

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
