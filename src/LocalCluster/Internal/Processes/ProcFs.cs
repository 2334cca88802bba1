using System.Globalization;

namespace Resilience.LocalCluster.Internal.Processes;

/// <summary>Reads the process table from <c>/proc</c>.</summary>
internal static class ProcFs
{
    /// <summary>Clock ticks per second of the CPU times in <c>stat</c> (USER_HZ, 100 on Linux).</summary>
    public const double TicksPerSecond = 100.0;

    /// <summary>The stat of <paramref name="pid"/>, or null when there is no such process.</summary>
    public static ProcStat? Stat(int pid)
    {
        try
        {
            return ProcStat.Parse(File.ReadAllText($"/proc/{pid}/stat"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Every process's stat.</summary>
    public static IReadOnlyList<ProcStat> All()
    {
        var result = new List<ProcStat>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Stat(pid) is { } stat)
            {
                result.Add(stat);
            }
        }

        return result;
    }

    /// <summary>The command line of <paramref name="pid"/>, empty when unreadable.</summary>
    public static IReadOnlyList<string> CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>The roots and all their living descendants, from one snapshot of the table.</summary>
    public static IReadOnlyList<ProcStat> Tree(IEnumerable<int> roots, IReadOnlyList<ProcStat>? table = null) =>
        TreeOf(roots, table ?? All());

    /// <summary>The roots and all their descendants within <paramref name="table"/>.</summary>
    public static IReadOnlyList<ProcStat> TreeOf(IEnumerable<int> roots, IReadOnlyList<ProcStat> table)
    {
        var byParent = table.ToLookup(p => p.ParentPid);
        var byPid = table.ToDictionary(p => p.Pid);
        var seen = new HashSet<int>();
        var result = new List<ProcStat>();
        var queue = new Queue<int>(roots.Where(p => p > 1));
        while (queue.TryDequeue(out var pid))
        {
            if (!seen.Add(pid) || !byPid.TryGetValue(pid, out var stat))
            {
                continue;
            }

            result.Add(stat);
            foreach (var child in byParent[pid])
            {
                queue.Enqueue(child.Pid);
            }
        }

        return result;
    }
}
