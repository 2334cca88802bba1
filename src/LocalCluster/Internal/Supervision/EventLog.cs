using System.Text.Json;
using Microsoft.Extensions.Logging;
using Resilience.LocalCluster.Internal.State;

namespace Resilience.LocalCluster.Internal.Supervision;

/// <summary>The supervisor's actions as JSON lines (<c>events.jsonl</c>, data that tests and status read) and as lines in its own log.</summary>
internal sealed class EventLog(string path, ILogger<EventLog> log, TimeProvider time)
{
    private static readonly JsonSerializerOptions Line = new(StateStore.Json) { WriteIndented = false };

    /// <summary>Records <paramref name="kind"/> (e.g. <c>member-lost</c>) about <paramref name="member"/>.</summary>
    public void Record(string kind, string? member, string? group, string detail)
    {
        var e = new ClusterEvent(time.GetUtcNow(), kind, member, group, detail);
        File.AppendAllText(path, JsonSerializer.Serialize(e, Line) + "\n");
        SupervisorLog.Event(log, kind, member is null ? "" : " " + member, detail);
    }

    /// <summary>Reads the event log.</summary>
    public static IReadOnlyList<ClusterEvent> Read(string path) =>
        File.Exists(path)
            ? File.ReadLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<ClusterEvent>(l, Line)!).ToList()
            : [];
}

/// <summary>One supervisor action.</summary>
internal sealed record ClusterEvent(DateTimeOffset At, string Kind, string? Member, string? Group, string Detail);
