using Resilience.LocalCluster.Internal.Posix;

namespace Resilience.LocalCluster.Internal.Processes;

/// <summary>What to start, as whom, and where its output goes.</summary>
internal sealed record LaunchSpec(string Executable, IReadOnlyList<string> Arguments, string LogPath)
{
    /// <summary>The account to run as; null runs as the current user.</summary>
    public UnixAccount? RunAs { get; init; }

    /// <summary>Variables added to the environment.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>When true the child starts from a minimal environment instead of ours (no PG*, no DOTNET_* leaks).</summary>
    public bool CleanEnvironment { get; init; }

    /// <summary>The working directory; defaults to the log file's folder.</summary>
    public string? WorkingDirectory { get; init; }
}
