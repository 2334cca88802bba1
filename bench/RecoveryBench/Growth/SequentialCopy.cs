namespace Resilience.Bench.Growth;

/// <summary>
/// The physical floor of a replacement: a plain sequential copy of a data directory to the same disk, every
/// file read and written once in 1 MiB blocks and flushed to disk. It copies what a new replica needs: the
/// directory without <c>pg_wal</c>'s segments and the files pg_basebackup leaves out.
/// </summary>
internal static class SequentialCopy
{
    private const int BlockSize = 1 << 20;

    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.Ordinal) { "pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_subtrans" };

    private static readonly HashSet<string> SkippedFiles = new(StringComparer.Ordinal) { "postmaster.pid", "postmaster.opts", "pg_internal.init" };

    /// <summary>Copies <paramref name="source"/> into <paramref name="target"/> (which must not exist); returns bytes copied and seconds taken.</summary>
    public static async Task<(long Bytes, double Seconds)> CopyAsync(string source, string target, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        var started = time.GetTimestamp();
        long bytes = 0;
        var buffer = new byte[BlockSize];
        foreach (var file in Files(source))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            try
            {
                await using var input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, BlockSize, FileOptions.SequentialScan);
                await using var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, BlockSize);
                int read;
                while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    bytes += read;
                }

                output.Flush(flushToDisk: true);
            }
            catch (FileNotFoundException)
            {
                // A temporary file PostgreSQL removed meanwhile; pg_basebackup skips those too.
            }
        }

        return (bytes, time.GetElapsedTime(started).TotalSeconds);
    }

    private static IEnumerable<string> Files(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
        {
            if (!SkippedFiles.Contains(Path.GetFileName(file)))
            {
                yield return file;
            }
        }

        foreach (var sub in Directory.EnumerateDirectories(directory).Order(StringComparer.Ordinal))
        {
            if (SkippedDirectories.Contains(Path.GetFileName(sub)))
            {
                continue;
            }

            foreach (var file in Files(sub))
            {
                yield return file;
            }
        }
    }
}
