namespace Resilience.HealthProbes.Warmup;

/// <summary>A relation to prewarm: <paramref name="PrewarmFunction"/> is the schema-qualified <c>pg_prewarm</c> of its database.</summary>
internal sealed record PlannedRelation(string Database, uint Oid, string Name, long Bytes, string PrewarmFunction);

/// <summary>A data file read end to end by the full storage read.</summary>
internal sealed record PlannedFile(string Path, long Bytes);

/// <summary>What one warm-up reads, in order: the files first (hydrate the volume), then the relations (fill shared buffers).</summary>
internal sealed record WarmupPlan(IReadOnlyList<PlannedFile> Files, IReadOnlyList<PlannedRelation> Relations, IReadOnlyList<string> Skipped)
{
    public long TotalBytes => Files.Sum(f => f.Bytes) + Relations.Sum(r => r.Bytes);
}

/// <summary>A warm-up that cannot proceed; the message is the one line shown in the gate's reason.</summary>
internal sealed class WarmupException(string message) : Exception(message);
