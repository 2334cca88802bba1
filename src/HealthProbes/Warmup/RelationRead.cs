using System.Globalization;

namespace Resilience.HealthProbes.Warmup;

/// <summary>
/// The warm-up without pg_prewarm (an engine or database where the extension is not installed): a table's blocks are
/// read through plain SQL, one block range per statement, so the read is bounded, paced and cancellable like a
/// pg_prewarm chunk. A TID range scan (PostgreSQL 14+) reads exactly the blocks of its range and, unlike a sequential
/// scan of a table larger than a quarter of shared_buffers, without a ring buffer, so the blocks stay in shared buffers.
/// An index has no SQL that reads all of its blocks, so without pg_prewarm indexes are left to the queries.
/// </summary>
internal static class RelationRead
{
    /// <summary>TID range scans arrived in PostgreSQL 14; before them a ctid range is a filter over a whole-table scan.</summary>
    public const int MinimumServerVersion = 140000;

    /// <summary>Reads blocks <paramref name="first"/>..<paramref name="last"/> of <paramref name="relation"/> (a regclass text, already quoted).</summary>
    public static string ChunkSql(string relation, long first, long last) => string.Create(
        CultureInfo.InvariantCulture,
        $"SELECT count(*) FROM ONLY {relation} WHERE ctid >= '({first},0)'::tid AND ctid < '({last + 1},0)'::tid");
}
