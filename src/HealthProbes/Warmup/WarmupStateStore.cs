using System.Text.Json;
using Resilience.HealthProbes.Http;
using Resilience.Topology.Files;

namespace Resilience.HealthProbes.Warmup;

/// <summary>A completed warm-up: for which data directory (<see cref="MemberIdentity.Key"/>) and which policy.</summary>
internal sealed record WarmupRecord(string Identity, string Policy, DateTimeOffset CompletedAtUtc, double DurationSeconds, long Bytes);

/// <summary>Keeps the warm-up's completion in the member's state directory, so it survives a HealthProbes restart.</summary>
internal sealed class WarmupStateStore
{
    private readonly string _path;

    public WarmupStateStore(string stateDir) => _path = Path.Combine(stateDir, HealthProbesConstants.StateFileName);

    public string FilePath => _path;

    /// <summary>The record, or null when there is none or it cannot be read (then the warm-up simply runs again).</summary>
    public WarmupRecord? Load()
    {
        try
        {
            return File.Exists(_path) ? JsonSerializer.Deserialize(File.ReadAllText(_path), HealthProbesJsonContext.Default.WarmupRecord) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>The record if it is for this data directory and this policy.</summary>
    public WarmupRecord? LoadMatching(string identity, string policy) =>
        Load() is { } record && record.Identity == identity && record.Policy == policy ? record : null;

    /// <summary>Writes the record atomically (temporary file, then rename), readable by the owner only.</summary>
    public void Save(WarmupRecord record)
    {
        var directory = Path.GetDirectoryName(_path)!;
        Directory.CreateDirectory(directory);
        AtomicFile.Write(_path, stream => JsonSerializer.Serialize(stream, record, HealthProbesJsonContext.Default.WarmupRecord), ownerOnly: true);
    }

    /// <summary>The policy as the record stores it: a changed policy (other relations or databases) warms again.</summary>
    public static string PolicyKey(Topology.WarmupPolicy policy) =>
        $"relations={(policy.Relations is null ? "all" : string.Join(',', policy.Relations))}; databases={string.Join(',', policy.Databases)}; fullStorageRead={policy.FullStorageRead}";
}
