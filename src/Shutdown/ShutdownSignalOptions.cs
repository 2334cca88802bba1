namespace Resilience.Shutdown;

/// <summary>How a command line program answers SIGINT, SIGTERM and SIGHUP (see <see cref="ShutdownSignal"/>).</summary>
public sealed class ShutdownSignalOptions
{
    /// <summary>Gets the line written to <see cref="Error"/> on the first signal, e.g. what the program now rolls back.</summary>
    /// <value>Defaults to null: nothing is written.</value>
    public string? FirstSignalMessage { get; init; }

    /// <summary>Gets the line written to <see cref="Error"/> on each later signal.</summary>
    /// <value>Defaults to null: nothing is written.</value>
    public string? RepeatedSignalMessage { get; init; }

    /// <summary>
    /// Gets a value indicating whether a second signal ends the process at once (the operating system's default action),
    /// for programs whose cleanup may hang; false when every signal only asks, because dying would leave clusters running.
    /// </summary>
    /// <value>Defaults to false.</value>
    public bool RepeatedSignalEndsProcess { get; init; }

    /// <summary>Gets where the messages go.</summary>
    /// <value>Defaults to <see cref="Console.Error"/>.</value>
    public TextWriter? Error { get; init; }
}
