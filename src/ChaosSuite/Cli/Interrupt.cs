using Resilience.Shutdown;

namespace Resilience.ChaosSuite.Cli;

/// <summary>
/// Ctrl-C, SIGTERM or SIGHUP: the first one cancels the run, which then stops injecting, restores the desired
/// state and still writes its report; a second one ends the process at once.
/// </summary>
internal sealed class Interrupt(TextWriter error) : IDisposable
{
    private readonly ShutdownSignal _signal = new(new ShutdownSignalOptions
    {
        FirstSignalMessage = "chaos: interrupted; stopping the fault, restoring the desired state and writing the report (a second Ctrl-C or SIGTERM exits at once)",
        RepeatedSignalMessage = "chaos: second interrupt, exiting without finishing the rollback",
        RepeatedSignalEndsProcess = true,
        Error = error,
    });

    public CancellationToken Token => _signal.Token;

    public void Dispose() => _signal.Dispose();
}
