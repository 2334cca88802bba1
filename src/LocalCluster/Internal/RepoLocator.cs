namespace Resilience.LocalCluster.Internal;

/// <summary>Finds the repository (the folder holding <c>Resilience.sln</c>) from the current directory or this assembly.</summary>
internal static class RepoLocator
{
    private const string Marker = "Resilience.sln";

    /// <summary>The repository root, or the current directory when none is found.</summary>
    public static string Find() =>
        Above(Directory.GetCurrentDirectory()) ?? Above(AppContext.BaseDirectory) ?? Directory.GetCurrentDirectory();

    private static string? Above(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, Marker)))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
