using System.CommandLine;
using Resilience.Shutdown;
using Resilience.Topology;

namespace Resilience.LocalCluster.Cli;

/// <summary>The <c>localcluster</c> command line: up, down, status, kill, freeze, thaw, scale (and the hidden supervise).</summary>
internal static class LocalClusterCli
{
    /// <summary>Parses <paramref name="args"/>, runs the verb, and returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        // Ctrl-C, SIGTERM and SIGHUP cancel the verb; up then stops everything it started before exiting.
        using var shutdown = new ShutdownSignal();
        var root = CliCommands.Build(shutdown.Token);
        var parse = root.Parse(args);
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, CancellationToken.None);
    }

    /// <summary>Runs <paramref name="verb"/>, turning the errors a user can cause into one line and an exit code.</summary>
    internal static async Task<int> Guard(Func<Task<int>> verb, CancellationToken interrupt)
    {
        try
        {
            return await verb();
        }
        catch (StackFileException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
        catch (LocalClusterException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return e.ExitCode;
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("interrupted");
            return 130;
        }
    }
}
