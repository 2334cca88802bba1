namespace Resilience.LocalCluster;

/// <summary>
/// A problem the user can fix (port in use, tool missing, unknown member, cluster not running);
/// <see cref="Exception.Message"/> is the one line to show, <see cref="ExitCode"/> the CLI's exit code.
/// </summary>
public sealed class LocalClusterException : Exception
{
    /// <summary>Exit code for bad input: unknown member or group, count out of range.</summary>
    public const int BadInput = 2;

    /// <summary>Exit code for the machine's state: port in use, tool missing, not running.</summary>
    public const int Environment = 3;

    /// <summary>Exit code for an operation that did not finish: the cluster did not become steady.</summary>
    public const int Failed = 1;

    /// <summary>Creates the error.</summary>
    public LocalClusterException(string message, int exitCode = Environment)
        : base(message)
    {
        ExitCode = exitCode;
    }

    /// <summary>Creates the error.</summary>
    public LocalClusterException()
        : this("local cluster error")
    {
    }

    /// <summary>Creates the error.</summary>
    public LocalClusterException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = Environment;
    }

    /// <summary>The CLI exit code for this error.</summary>
    public int ExitCode { get; }
}
