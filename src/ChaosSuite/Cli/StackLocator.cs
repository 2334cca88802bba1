using Resilience.Topology;

namespace Resilience.ChaosSuite.Cli;

/// <summary>Finds the directory of the stack files: the option's, or the nearest one above the working directory holding <c>Pulumi.yaml</c>.</summary>
internal static class StackLocator
{
    public static string Find(string? option, string workingDirectory)
    {
        if (option is not null)
        {
            var full = Path.GetFullPath(option, workingDirectory);
            return Directory.Exists(full) ? full : throw new UsageException($"--stacks-dir {option}: no such directory");
        }

        return RepositoryLocator.FindAbove(workingDirectory, RepositoryLocator.ProjectFile)
            ?? throw new UsageException($"no Pulumi.yaml in {workingDirectory} or above; run chaos from the repository or pass --stacks-dir DIR");
    }
}
