using System.Text.Json;
using Resilience.LocalCluster.Internal.State;
using Resilience.Topology.Files;

namespace Resilience.LocalCluster.Internal.Alarms;

/// <summary>The alarm log (JSON lines, one per state change) and the current states file read by <c>status</c>.</summary>
internal sealed class AlarmLog(string logPath, string statesPath)
{
    private static readonly JsonSerializerOptions Line = new(StateStore.Json) { WriteIndented = false };

    /// <summary>Appends each transition as one JSON line.</summary>
    public void Append(IEnumerable<AlarmTransition> transitions)
    {
        var lines = transitions.Select(t => JsonSerializer.Serialize(t, Line) + "\n").ToList();
        if (lines.Count > 0)
        {
            File.AppendAllText(logPath, string.Concat(lines));
        }
    }

    /// <summary>Writes the current states atomically.</summary>
    public void WriteStates(IReadOnlyList<AlarmStatus> states)
    {
        AtomicFile.WriteAllText(statesPath, JsonSerializer.Serialize(states, StateStore.Json));
    }

    /// <summary>The states last written, or empty.</summary>
    public static IReadOnlyList<AlarmStatus> ReadStates(string statesPath)
    {
        try
        {
            return File.Exists(statesPath)
                ? JsonSerializer.Deserialize<List<AlarmStatus>>(File.ReadAllText(statesPath), StateStore.Json) ?? []
                : [];
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return [];
        }
    }

    /// <summary>Parses the alarm log (for tests and tools).</summary>
    public static IReadOnlyList<AlarmTransition> ReadLog(string logPath) =>
        File.Exists(logPath)
            ? File.ReadLines(logPath).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<AlarmTransition>(l, Line)!).ToList()
            : [];
}
