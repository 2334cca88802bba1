using System.Globalization;
using System.Runtime.InteropServices;

namespace Resilience.ChaosSuite.Cli;

/// <summary>
/// Raises the CLI's scheduling priority when allowed (root): the measuring process must not be starved by
/// the CPU load it generates on the same machine (primary-overload saturates every core), or its 20 Hz
/// sampling and its clients' timers would measure its own starvation. In production the clients and the
/// observer run elsewhere; here they share two cores with the cluster. Linux keeps a nice value per thread
/// and the runtime creates threads from threads that predate <c>Main</c>, so the threads at the default
/// priority are reniced now and again every second while a run lasts (<see cref="Keep"/>).
/// </summary>
internal static partial class SchedulingPriority
{
    /// <summary>The nice value asked for.</summary>
    public const int Nice = -10;

    private const int PrioProcess = 0;

    /// <summary>Renices every thread of this process still at nice 0; false when not permitted or not on Linux.</summary>
    public static bool TryRaise()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc/self/task"))
        {
            return false;
        }

        var all = true;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            if (int.TryParse(Path.GetFileName(task), NumberStyles.None, CultureInfo.InvariantCulture, out var tid) && NiceOf(task) == 0)
            {
                all &= SetPriority(PrioProcess, tid, Nice) == 0;
            }
        }

        return all;
    }

    /// <summary>Keeps raising new threads every second until disposed; nothing when the first attempt is not permitted.</summary>
    public static IDisposable Keep()
    {
        if (!TryRaise())
        {
            return new Timer(_ => { });
        }

        return new Timer(_ => TryRaise(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>A thread's nice value from <c>/proc/self/task/&lt;tid&gt;/stat</c> (field 19, counted after the command's closing parenthesis).</summary>
    private static int? NiceOf(string task)
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(task, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Length > 16 && int.TryParse(fields[16], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var nice) ? nice : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetPriority(int which, int who, int priority);
}
