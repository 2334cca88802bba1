namespace Resilience.Topology;

/// <summary>The one way every program finds the repository or the folder of the stack files: the nearest folder above a start that holds a marker file.</summary>
public static class RepositoryLocator
{
    /// <summary>The file at the repository's root.</summary>
    public const string SolutionFile = "Resilience.sln";

    /// <summary>The Pulumi project file, beside the <c>Pulumi.&lt;stack&gt;.yaml</c> stack files.</summary>
    public const string ProjectFile = "Pulumi.yaml";

    /// <summary>The nearest folder at or above <paramref name="start"/> holding <paramref name="marker"/>, or null.</summary>
    /// <param name="start">Where to start (a folder).</param>
    /// <param name="marker">The file name to look for, e.g. <see cref="SolutionFile"/>.</param>
    /// <returns>The folder's full path, or null when no folder up to the root holds it.</returns>
    public static string? FindAbove(string start, string marker)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, marker)))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
