using System.Runtime.InteropServices;

namespace Resilience.Shutdown;

/// <summary>
/// One answer to the three ways a command line program is asked to stop: SIGINT (Ctrl-C), SIGTERM (kill, CI timeouts,
/// systemd) and SIGHUP (its terminal closed). Each cancels <see cref="Token"/> instead of ending the process, so the
/// program rolls back what it injected, stops what it started and writes its report before it exits.
/// </summary>
/// <remarks>Every CLI of the repository (chaos, localcluster, healthprobes, bench) uses this, so none of them treats one of the signals differently.</remarks>
public sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly ShutdownSignalOptions _options;
    private readonly List<PosixSignalRegistration> _registrations = [];
    private int _received;

    /// <summary>Starts handling <see cref="Signals"/> until disposed.</summary>
    /// <param name="options">Messages and what a repeated signal does; null takes the defaults.</param>
    public ShutdownSignal(ShutdownSignalOptions? options = null)
    {
        _options = options ?? new ShutdownSignalOptions();
        foreach (var signal in Signals)
        {
            _registrations.Add(PosixSignalRegistration.Create(signal, context => context.Cancel = Handle(context.Signal)));
        }
    }

    /// <summary>Gets the signals handled: SIGINT, SIGTERM and SIGHUP.</summary>
    public static IReadOnlyList<PosixSignal> Signals { get; } = [PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP];

    /// <summary>Gets the token cancelled by the first signal.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>Gets the first signal received, or null while none was.</summary>
    public PosixSignal? First { get; private set; }

    /// <summary>Gets how many signals were received.</summary>
    public int Received => Volatile.Read(ref _received);

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _cancel.Dispose();
    }

    /// <summary>Answers one signal; returns true to suppress the operating system's default action (ending the process).</summary>
    internal bool Handle(PosixSignal signal)
    {
        var count = Interlocked.Increment(ref _received);
        var error = _options.Error ?? Console.Error;
        if (count == 1)
        {
            First = signal;
            WriteLine(error, _options.FirstSignalMessage);
            _cancel.Cancel();
            return true;
        }

        WriteLine(error, _options.RepeatedSignalMessage);
        return !_options.RepeatedSignalEndsProcess;
    }

    private static void WriteLine(TextWriter error, string? message)
    {
        if (message is not null)
        {
            error.WriteLine(message);
            error.Flush();
        }
    }
}
