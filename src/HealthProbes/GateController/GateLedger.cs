using System.Text.Json;
using Resilience.HealthProbes.Http;
using Resilience.Topology.Files;

namespace Resilience.HealthProbes.GateController;

/// <summary>One reader as the ledger keeps it across controller restarts.</summary>
/// <param name="Incarnation">The platform's identity of this incarnation.</param>
/// <param name="PostmasterStart">The last server start seen.</param>
/// <param name="WarmedStart">The server start whose caches were warmed, or null.</param>
/// <param name="Open">The gate was open.</param>
internal sealed record LedgerReader(string? Incarnation, string? PostmasterStart, string? WarmedStart, bool Open);

/// <summary>The ledger of one cluster's gate.</summary>
internal sealed record LedgerDocument(string Cluster, Dictionary<string, LedgerReader> Readers);

/// <summary>
/// Keeps what the controller knows of each reader in its state directory, so a restarted controller (its own crash,
/// a redeploy) neither drops warm readers from the endpoint nor trusts one that restarted while it was down: the
/// postmaster start it warmed is compared with the one it finds.
/// </summary>
internal sealed class GateLedger(string stateDir, string cluster)
{
    private readonly string _path = Path.Combine(stateDir, $"gate-{cluster}.json");

    public string FilePath => _path;

    /// <summary>The readers last saved, or null when there is no readable ledger (a first start).</summary>
    public IReadOnlyDictionary<string, LedgerReader>? Load()
    {
        try
        {
            return File.Exists(_path) && JsonSerializer.Deserialize(File.ReadAllText(_path), HealthProbesJsonContext.Default.LedgerDocument) is { } document && document.Cluster == cluster
                ? document.Readers
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes atomically, readable by the owner only.</summary>
    public void Save(IEnumerable<ReaderGate> gates)
    {
        var document = new LedgerDocument(cluster, gates.ToDictionary(g => g.Id, g => new LedgerReader(g.Incarnation, g.PostmasterStart, g.WarmedStart, g.State.Open), StringComparer.Ordinal));
        Directory.CreateDirectory(stateDir);
        AtomicFile.Write(_path, stream => JsonSerializer.Serialize(stream, document, HealthProbesJsonContext.Default.LedgerDocument), ownerOnly: true);
    }
}
