namespace Resilience.Topology.Files;

/// <summary>
/// The one write-then-rename of the repository: a reader (status, the supervisor, HealthProbes after a restart)
/// opens either the old file or the new one, never half of one, and a crash mid-write leaves the old file.
/// </summary>
public static class AtomicFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Replaces <paramref name="path"/> with <paramref name="contents"/> (UTF-8).</summary>
    /// <param name="path">The file to replace or create.</param>
    /// <param name="contents">The whole new content.</param>
    /// <param name="ownerOnly">True for secrets and private state: mode 0600 from creation, so no other user can ever read it.</param>
    public static void WriteAllText(string path, string contents, bool ownerOnly = false) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream);
            writer.Write(contents);
        }, ownerOnly);

    /// <summary>Replaces <paramref name="path"/> with what <paramref name="write"/> writes to the stream it is given.</summary>
    /// <param name="path">The file to replace or create.</param>
    /// <param name="write">Writes the whole new content.</param>
    /// <param name="ownerOnly">True for secrets and private state: mode 0600 from creation.</param>
    public static void Write(string path, Action<Stream> write, bool ownerOnly = false)
    {
        ArgumentNullException.ThrowIfNull(write);

        // A name of its own per writer: two writers never share (and truncate) one temporary file.
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (ownerOnly && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                write(stream);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
