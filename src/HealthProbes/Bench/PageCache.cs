using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Resilience.HealthProbes.Bench;

/// <summary>Evicts files from the OS page cache (sync, then posix_fadvise DONTNEED), so a benchmark reads from storage, not memory.</summary>
internal static partial class PageCache
{
    private const int PosixFadvDontNeed = 4;

    /// <summary>Writes dirty pages back (they cannot be dropped otherwise), then evicts every file; returns how many could not be.</summary>
    public static int Evict(IEnumerable<string> paths)
    {
        Sync();
        var failed = 0;
        foreach (var path in paths)
        {
            try
            {
                using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                if (Fadvise(handle, 0, 0, PosixFadvDontNeed) != 0)
                {
                    failed++;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                failed++;
            }
        }

        return failed;
    }

    /// <summary>Bytes of the files in the page cache (util-linux <c>fincore</c>); null when it cannot be measured.</summary>
    public static long? ResidentBytes(IReadOnlyList<string> paths)
    {
        try
        {
            var start = new ProcessStartInfo("fincore") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "--bytes", "--noheadings", "--raw", "--output", "RES" }.Concat(paths))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Sum(line => long.Parse(line.Trim(), CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "posix_fadvise")]
    private static partial int Fadvise(SafeFileHandle fd, long offset, long length, int advice);

    [LibraryImport("libc", EntryPoint = "sync")]
    private static partial void Sync();
}
