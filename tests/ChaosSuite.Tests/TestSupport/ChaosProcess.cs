using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Resilience.ChaosSuite.Tests.TestSupport;

/// <summary>The real `chaos` program as a child process, for tests that signal it as a CI runner or a user would.</summary>
public static class ChaosProcess
{
    /// <summary>The built `chaos` beside this test assembly, as its wrapper runs it, in the repository.</summary>
    public static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Stacks.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "chaos.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    /// <summary>Sends SIG<paramref name="signal"/> (TERM, INT...) with kill(1).</summary>
    public static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}

/// <summary>
/// The real `chaos` running with its stdout and stderr collected, for the signal tests: they wait for the fault to be
/// reported injected, signal it, then print its log. Disposing kills whatever is still running.
/// </summary>
public sealed class ChaosRun : IDisposable
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly TaskCompletionSource _faultInjected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _disposed;

    public ChaosRun(params string[] args)
    {
        Process = ChaosProcess.Start(args);
        Process.OutputDataReceived += (_, e) => Collect(e.Data);
        Process.ErrorDataReceived += (_, e) => Collect(e.Data);
        Process.BeginOutputReadLine();
        Process.BeginErrorReadLine();
    }

    public Process Process { get; }

    /// <summary>
    /// Returns once chaos printed its fault-injected phase; fails at once, with chaos's log, when chaos exits before
    /// that or <paramref name="cancellationToken"/> fires, so a red run says where it stopped and why.
    /// </summary>
    public async Task WaitForFaultInjectedAsync(CancellationToken cancellationToken)
    {
        var exited = Process.WaitForExitAsync(cancellationToken);
        try
        {
            if (await Task.WhenAny(_faultInjected.Task, exited) != _faultInjected.Task)
            {
                await exited; // throws when the wait was cancelled
                Assert.Fail($"chaos exited ({Process.ExitCode}) before injecting its fault:\n{Log}");
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"chaos did not report its fault injected in time:\n{Log}");
        }
    }

    /// <summary>Waits for chaos to exit; fails with its log when <paramref name="cancellationToken"/> fires first.</summary>
    public async Task WaitForExitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"chaos did not exit in time after the signal:\n{Log}");
        }
    }

    /// <summary>Every line printed so far.</summary>
    public string Log => string.Join('\n', _lines);

    /// <summary>Kills chaos if it still runs; tests call it before deleting the report folder, `using` again after.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        Process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        if (line.Contains("fault-injected", StringComparison.Ordinal))
        {
            _faultInjected.TrySetResult();
        }
    }
}
