using System.Globalization;

namespace Resilience.LocalCluster.Internal.Processes;

/// <summary>A process we started, named by pid and start time so a recycled pid is never mistaken for it.</summary>
internal sealed record ProcessHandle(int Pid, long StartTicks)
{
    /// <summary>The process as it is now, or null when it has exited (or the pid now names another process).</summary>
    public ProcStat? Current() =>
        ProcFs.Stat(Pid) is { } s && s.StartTicks == StartTicks && !s.HasExited ? s : null;

    /// <summary>True while the process exists (running or stopped).</summary>
    public bool IsAlive => Current() is not null;

    /// <summary>A handle on the running process <paramref name="pid"/>, or null when it is gone.</summary>
    public static ProcessHandle? Of(int pid) => ProcFs.Stat(pid) is { HasExited: false } s ? new ProcessHandle(pid, s.StartTicks) : null;

    /// <summary>The pid file form: <c>pid starttime</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Pid} {StartTicks}");

    /// <summary>Parses the pid file form; null when malformed.</summary>
    public static ProcessHandle? Parse(string text)
    {
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2
            && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var pid)
            && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var start)
                ? new ProcessHandle(pid, start)
                : null;
    }
}
