using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Resilience.HealthProbes.Bench;

/// <summary>Evicts files from the OS page cache (posix_fadvise DONTNEED), so a benchmark reads from storage, not memory.</summary>
internal static partial class PageCache
{
    private const int PosixFadvDontNeed = 4;

    /// <summary>Evicts every file; returns how many could not be evicted.</summary>
    public static int Evict(IEnumerable<string> paths)
    {
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

    [LibraryImport("libc", EntryPoint = "posix_fadvise")]
    private static partial int Fadvise(SafeFileHandle fd, long offset, long length, int advice);
}
