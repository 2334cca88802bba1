using System.Text.Json;

namespace Resilience.LocalCluster.Internal.Backup;

/// <summary>Reads pgBackRest's <c>info --output=json</c> into backups and the restorable window.</summary>
internal static class BackupCatalog
{
    /// <summary>The listing of <paramref name="infoJson"/>; <paramref name="lastArchived"/> is when the newest WAL segment was archived.</summary>
    public static BackupListing Parse(string infoJson, string repository, Func<string, DateTimeOffset?> lastArchived)
    {
        using var doc = JsonDocument.Parse(infoJson);
        var stanza = doc.RootElement.EnumerateArray().FirstOrDefault();
        var backups = new List<BackupSet>();
        string? maxWal = null;
        if (stanza.ValueKind == JsonValueKind.Object)
        {
            if (stanza.TryGetProperty("backup", out var list))
            {
                foreach (var b in list.EnumerateArray())
                {
                    var ts = b.GetProperty("timestamp");
                    var info = b.GetProperty("info");
                    backups.Add(new BackupSet(
                        b.GetProperty("label").GetString()!,
                        b.GetProperty("type").GetString()!,
                        DateTimeOffset.FromUnixTimeSeconds(ts.GetProperty("start").GetInt64()),
                        DateTimeOffset.FromUnixTimeSeconds(ts.GetProperty("stop").GetInt64()),
                        info.GetProperty("size").GetInt64(),
                        info.GetProperty("repository").GetProperty("size").GetInt64()));
                }
            }

            if (stanza.TryGetProperty("archive", out var archives))
            {
                maxWal = archives.EnumerateArray()
                    .Select(a => a.TryGetProperty("max", out var m) ? m.GetString() : null)
                    .Where(m => m is not null)
                    .Max(StringComparer.Ordinal);
            }
        }

        backups.Sort((a, b) => a.Stopped.CompareTo(b.Stopped));
        RestorableWindow? window = null;
        if (backups.Count > 0)
        {
            // pgBackRest's stop time is truncated to the second: the backup is consistent only by the next one.
            var from = backups[0].Stopped.AddSeconds(1);
            var end = maxWal is not null && lastArchived(maxWal) is { } archivedAt && archivedAt > from ? archivedAt : from;
            window = new RestorableWindow(from, end);
        }

        return new BackupListing(repository, backups, window, maxWal);
    }

    /// <summary>When WAL segment <paramref name="segment"/> reached <paramref name="repository"/> (its file's time), or null.</summary>
    public static DateTimeOffset? ArchivedAt(string repository, string segment)
    {
        var archive = Path.Combine(repository, "archive", BackupConstants.Stanza);
        if (!Directory.Exists(archive) || segment.Length < 16)
        {
            return null;
        }

        // archive/<stanza>/<pg version-id>/<first 16 hex digits>/<segment>-<checksum>.<ext>
        return Directory.EnumerateDirectories(archive)
            .Select(d => Path.Combine(d, segment[..16]))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, segment + "*"))
            .Select(f => (DateTimeOffset?)new DateTimeOffset(File.GetLastWriteTimeUtc(f), TimeSpan.Zero))
            .Max();
    }
}
