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

    /// <summary>fincore reads page tables only; if it takes longer than this, something is wrong and the figure is skipped.</summary>
    private static readonly TimeSpan FincoreTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Bytes of the files in the page cache (util-linux <c>fincore</c>); null when it cannot be measured.</summary>
    public static async Task<long?> ResidentBytesAsync(IReadOnlyList<string> paths, CancellationToken ct)
    {
        try
        {
            var start = new ProcessStartInfo("fincore") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "--bytes", "--noheadings", "--raw", "--output", "RES" }.Concat(paths))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
            bounded.CancelAfter(FincoreTimeout);
            try
            {
                // Both streams are read: a child writing to a full, unread stderr pipe blocks forever.
                var stdout = process.StandardOutput.ReadToEndAsync(bounded.Token);
                var stderr = process.StandardError.ReadToEndAsync(bounded.Token);
                await process.WaitForExitAsync(bounded.Token).ConfigureAwait(false);
                var output = await stdout.ConfigureAwait(false);
                _ = await stderr.ConfigureAwait(false);
                return Parse(output);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                ct.ThrowIfCancellationRequested();
                return null;
            }
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static long Parse(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Sum(line => long.Parse(line.Trim(), CultureInfo.InvariantCulture));

    [LibraryImport("libc", EntryPoint = "posix_fadvise")]
    private static partial int Fadvise(SafeFileHandle fd, long offset, long length, int advice);

    [LibraryImport("libc", EntryPoint = "sync")]
    private static partial void Sync();
}
