using System.Text.Json;
using Resilience.LocalCluster.Internal.State;
using Resilience.Topology.Files;

namespace Resilience.LocalCluster.Internal.Status;

/// <summary>What the supervisor last measured and noted, written every tick for <c>status</c>.</summary>
internal sealed record SupervisorReport(
    DateTimeOffset At,
    IReadOnlyDictionary<string, double> MemberCpuPercent,
    IReadOnlyList<string> Notes)
{
    /// <summary>Writes atomically.</summary>
    public void Write(string path)
    {
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, StateStore.Json));
    }

    /// <summary>The last report, or null.</summary>
    public static SupervisorReport? Read(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<SupervisorReport>(File.ReadAllText(path), StateStore.Json) : null;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }
}
