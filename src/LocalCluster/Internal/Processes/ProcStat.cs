using System.Globalization;

namespace Resilience.LocalCluster.Internal.Processes;

/// <summary>The fields of <c>/proc/&lt;pid&gt;/stat</c> the cluster needs: identity, parentage, state and CPU time.</summary>
internal sealed record ProcStat(
    int Pid,
    string Command,
    char State,
    int ParentPid,
    long UserTicks,
    long SystemTicks,
    long ChildUserTicks,
    long ChildSystemTicks,
    long StartTicks)
{
    /// <summary>CPU ticks of this process plus those of the children it has reaped.</summary>
    public long TotalTicks => UserTicks + SystemTicks + ChildUserTicks + ChildSystemTicks;

    /// <summary>True for a zombie or dead entry: the process has exited.</summary>
    public bool HasExited => State is 'Z' or 'X' or 'x';

    /// <summary>True when stopped by a signal (SIGSTOP): a frozen member.</summary>
    public bool IsStopped => State is 'T' or 't';

    /// <summary>Parses one <c>stat</c> line; null when it is not one.</summary>
    public static ProcStat? Parse(string line)
    {
        // The command sits in parentheses and may itself contain spaces and parentheses: split after the last ')'.
        var open = line.IndexOf('(', StringComparison.Ordinal);
        var close = line.LastIndexOf(')');
        if (open < 0 || close < open || !int.TryParse(line.AsSpan(0, open).Trim(), CultureInfo.InvariantCulture, out var pid))
        {
            return null;
        }

        var rest = line[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // rest[0] is field 3 (state); field n is rest[n - 3].
        if (rest.Length < 20)
        {
            return null;
        }

        // Any field that is not a number means this is not a stat line (never an exception: callers read /proc in loops).
        long? F(int field) => long.TryParse(rest[field - 3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
        if (rest[0].Length != 1 || F(4) is not { } parent || parent is < 0 or > int.MaxValue
            || F(14) is not { } user || F(15) is not { } system || F(16) is not { } childUser || F(17) is not { } childSystem || F(22) is not { } start)
        {
            return null;
        }

        return new ProcStat(pid, line[(open + 1)..close], rest[0][0], (int)parent, user, system, childUser, childSystem, start);
    }
}
