using System.Text.Json;

namespace Resilience.Topology.Patroni;

/// <summary>Patroni's view of the cluster (its REST API's <c>GET /cluster</c>): the one parser and the one leader rule of the repository.</summary>
/// <param name="Members">Every member Patroni lists.</param>
public sealed record PatroniCluster(IReadOnlyList<PatroniMember> Members)
{
    /// <summary>Gets the leader, when one holds the lock.</summary>
    public PatroniMember? Leader => Members.FirstOrDefault(m => m.IsLeader);

    /// <summary>The member named <paramref name="name"/>, or null.</summary>
    /// <param name="name">A Patroni member name.</param>
    /// <returns>The member, or null.</returns>
    public PatroniMember? Find(string name) => Members.FirstOrDefault(m => m.Name == name);

    /// <summary>Parses a <c>/cluster</c> body; a body without a <c>members</c> array is a cluster without members.</summary>
    /// <param name="json">The response body.</param>
    /// <returns>The cluster.</returns>
    /// <exception cref="JsonException">The body is not JSON.</exception>
    public static PatroniCluster Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var members = new List<PatroniMember>();
        if (doc.RootElement.ValueKind == JsonValueKind.Object
            && doc.RootElement.TryGetProperty("members", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var m in list.EnumerateArray().Where(m => m.ValueKind == JsonValueKind.Object))
            {
                members.Add(new PatroniMember(
                    Text(m, "name") ?? "",
                    Text(m, "role") ?? "",
                    Text(m, "state") ?? "",
                    Text(m, "host"),
                    Number(m, "port") is { } port and >= 0 and <= 65535 ? (int)port : null,
                    Number(m, "timeline") is { } timeline and >= 0 and <= int.MaxValue ? (int)timeline : null,
                    Number(m, "lag")));
            }
        }

        return new PatroniCluster(members);
    }

    private static long? Number(JsonElement member, string name) =>
        member.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    private static string? Text(JsonElement member, string name) =>
        member.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

/// <summary>One member in Patroni's view.</summary>
/// <param name="Name">The member's name.</param>
/// <param name="Role">Patroni's role: leader, replica, sync_standby, standby_leader (older versions: master, primary).</param>
/// <param name="State">PostgreSQL's state as Patroni sees it: running, streaming, stopped...</param>
/// <param name="Host">Where PostgreSQL listens, when listed.</param>
/// <param name="Port">PostgreSQL's port, when listed.</param>
/// <param name="Timeline">The member's timeline, when known.</param>
/// <param name="LagBytes">Replay lag behind the leader in bytes (a replica), when Patroni reports a number.</param>
public sealed record PatroniMember(string Name, string Role, string State, string? Host, int? Port, int? Timeline, long? LagBytes)
{
    /// <summary>
    /// Gets a value indicating whether this member holds the leader lock: <c>leader</c> (Patroni 3), <c>master</c> or
    /// <c>primary</c> (older Patroni), or <c>standby_leader</c> (the leader of a standby cluster, which replicas follow).
    /// </summary>
    public bool IsLeader => Role is "leader" or "master" or "primary" or "standby_leader";

    /// <summary>Gets a value indicating whether this member is the synchronous standby.</summary>
    public bool IsSynchronous => Role == "sync_standby";

    /// <summary>Gets a value indicating whether PostgreSQL runs (and, for a replica, streams).</summary>
    public bool IsRunning => State is "running" or "streaming";
}
