namespace Resilience.HealthProbes.Warmup;

/// <summary>
/// A relation to warm: <paramref name="PrewarmFunction"/> is the schema-qualified <c>pg_prewarm</c> of its database, or null
/// where pg_prewarm is not installed and the relation's blocks are read by SQL instead (<see cref="RelationRead"/>).
/// </summary>
internal sealed record PlannedRelation(string Database, uint Oid, string Name, long Bytes, string? PrewarmFunction);

/// <summary>A data file read end to end by the full storage read.</summary>
internal sealed record PlannedFile(string Path, long Bytes);

/// <summary>What one warm-up reads, in order: the files first (hydrate the volume), then the relations (fill shared buffers).</summary>
/// <param name="Files">The data files read end to end first (a full storage read).</param>
/// <param name="Relations">The relations warmed, in order.</param>
/// <param name="Skipped">What is left out and why (a listed table that does not exist, an index without pg_prewarm).</param>
/// <param name="ReadDatabases">The databases without pg_prewarm whose tables are read instead (the gate controller's fallback).</param>
internal sealed record WarmupPlan(IReadOnlyList<PlannedFile> Files, IReadOnlyList<PlannedRelation> Relations, IReadOnlyList<string> Skipped, IReadOnlyList<string>? ReadDatabases = null)
{
    public long TotalBytes => Files.Sum(f => f.Bytes) + Relations.Sum(r => r.Bytes);

    /// <summary>How the relations are warmed, for the log: pg_prewarm, or reading where it is not installed.</summary>
    public string Method => ReadDatabases is not { Count: > 0 } read
        ? "pg_prewarm"
        : $"reading the tables of {string.Join(", ", read)} block by block, indexes left to the queries (pg_prewarm is not installed there)"
          + (Relations.Any(r => r.PrewarmFunction is not null) ? "; pg_prewarm elsewhere" : "");
}

/// <summary>A warm-up that cannot proceed; the message is the one line shown in the gate's reason.</summary>
internal sealed class WarmupException(string message) : Exception(message);
