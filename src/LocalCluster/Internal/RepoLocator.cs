using Resilience.Topology;

namespace Resilience.LocalCluster.Internal;

/// <summary>Finds the repository (the folder holding <c>Resilience.sln</c>) from the current directory or this assembly.</summary>
internal static class RepoLocator
{
    /// <summary>The repository root, or the current directory when none is found.</summary>
    public static string Find() =>
        RepositoryLocator.FindAbove(Directory.GetCurrentDirectory(), RepositoryLocator.SolutionFile)
        ?? RepositoryLocator.FindAbove(AppContext.BaseDirectory, RepositoryLocator.SolutionFile)
        ?? Directory.GetCurrentDirectory();
}
