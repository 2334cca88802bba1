namespace Resilience.ChaosSuite.Platform;

/// <summary>The platform cannot do what was asked; <see cref="Exception.Message"/> is one line for the user.</summary>
public sealed class PlatformException : Exception
{
    /// <summary>Creates the error.</summary>
    public PlatformException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with its cause.</summary>
    public PlatformException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an error without a message.</summary>
    public PlatformException()
    {
    }
}
