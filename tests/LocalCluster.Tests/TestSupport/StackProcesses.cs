using Resilience.LocalCluster.Internal.Ports;
using Resilience.LocalCluster.Internal.Processes;

namespace Resilience.LocalCluster.Tests.TestSupport;

/// <summary>What a stack leaves on the machine: processes naming its state directory, listening ports in its range.</summary>
internal static class StackProcesses
{
    public static IReadOnlyList<string> Running(string stateDir)
    {
        var marker = stateDir.TrimEnd('/') + "/";
        return ProcFs.All()
            .Where(p => !p.HasExited && p.Pid != Environment.ProcessId)
            .Select(p => (p.Pid, Args: ProcFs.CommandLine(p.Pid)))
            .Where(p => p.Args.Any(a => a == stateDir || a.Contains(marker, StringComparison.Ordinal)))
            .Select(p => $"{p.Pid}: {string.Join(' ', p.Args)}")
            .ToList();
    }

    /// <summary>Every process of the stack now: those naming its state directory and all their descendants (PostgreSQL's workers name nothing).</summary>
    public static IReadOnlyList<ProcessHandle> Owned(string stateDir)
    {
        var marker = stateDir.TrimEnd('/') + "/";
        var roots = ProcFs.All()
            .Where(p => !p.HasExited && p.Pid != Environment.ProcessId)
            .Where(p => ProcFs.CommandLine(p.Pid).Any(a => a == stateDir || a.Contains(marker, StringComparison.Ordinal)))
            .Select(p => p.Pid);
        return ProcFs.Tree(roots).Select(p => new ProcessHandle(p.Pid, p.StartTicks)).ToList();
    }

    /// <summary>Ports in [<paramref name="from"/>, <paramref name="to"/>] that something listens on.</summary>
    public static IReadOnlyList<int> ListeningPorts(int from, int to) =>
        PortAvailability.ListeningPorts().Where(p => p >= from && p <= to).Order().ToList();
}
