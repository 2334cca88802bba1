namespace Resilience.ChaosSuite.Cli;

/// <summary>An error the user caused; <see cref="Exception.Message"/> is the one line to print, <see cref="ExitCode"/> the exit code.</summary>
internal sealed class UsageException : Exception
{
    /// <summary>Creates the error.</summary>
    public UsageException(string message, int exitCode = Verdicts.ExitCodes.BadUsage)
        : base(message)
    {
        ExitCode = exitCode;
    }

    /// <summary>Creates the error.</summary>
    public UsageException()
        : this("bad usage")
    {
    }

    /// <summary>Creates the error.</summary>
    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = Verdicts.ExitCodes.BadUsage;
    }

    /// <summary>The exit code.</summary>
    public int ExitCode { get; }
}
