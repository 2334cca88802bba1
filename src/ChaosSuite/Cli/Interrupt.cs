namespace Resilience.ChaosSuite.Cli;

/// <summary>
/// Ctrl-C: the first one cancels the run, which then stops injecting, restores the desired state and still
/// writes its report; a second one ends the process at once.
/// </summary>
internal sealed class Interrupt : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly TextWriter _error;

    public Interrupt(TextWriter error)
    {
        _error = error;
        Console.CancelKeyPress += OnCancel;
    }

    public CancellationToken Token => _cancel.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancel;
        _cancel.Dispose();
    }

    private void OnCancel(object? sender, ConsoleCancelEventArgs e)
    {
        if (_cancel.IsCancellationRequested)
        {
            _error.WriteLine("chaos: second interrupt, exiting without finishing the rollback");
            return;
        }

        e.Cancel = true;
        _error.WriteLine("chaos: interrupted; stopping the fault, restoring the desired state and writing the report (Ctrl-C again to exit at once)");
        _cancel.Cancel();
    }
}
