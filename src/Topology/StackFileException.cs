namespace Resilience.Topology;

/// <summary>A stack file that cannot be used; <see cref="Exception.Message"/> is the one line to show the user.</summary>
public sealed class StackFileException : Exception
{
    /// <summary>Creates the error for <paramref name="keyPath"/> in <paramref name="file"/>.</summary>
    public StackFileException(string file, string keyPath, string problem)
        : base(OneLine($"{file}: {keyPath}: {problem}"))
    {
        File = file;
        KeyPath = keyPath;
        Problem = problem;
    }

    /// <summary>Creates an error about the file as a whole.</summary>
    public StackFileException(string file, string problem)
        : base(OneLine($"{file}: {problem}"))
    {
        File = file;
        KeyPath = "";
        Problem = problem;
    }

    /// <summary>The stack file's name as the user wrote it.</summary>
    public string File { get; }

    /// <summary>The key path, e.g. <c>resilience:replicaGroups[0].size</c>.</summary>
    public string KeyPath { get; }

    /// <summary>What is wrong with the value.</summary>
    public string Problem { get; }

    // A quoted value from the file may span lines (a YAML plain scalar folds onto the next line);
    // the error stays one line by showing its breaks as escapes.
    private static string OneLine(string message) =>
        message.Replace("\r\n", "\\n", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
}
