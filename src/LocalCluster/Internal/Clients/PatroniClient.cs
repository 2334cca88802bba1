using System.Text.Json;

namespace Resilience.LocalCluster.Internal.Clients;

/// <summary>Reads Patroni's REST API (<c>GET /cluster</c>) with a short timeout: a frozen member must not stall callers.</summary>
internal static class PatroniClient
{
    private static readonly HttpClient Http = new() { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>The cluster as the member on <paramref name="restPort"/> sees it, or null when it does not answer.</summary>
    public static async Task<PatroniCluster?> ClusterAsync(int restPort, TimeSpan timeout, CancellationToken ct)
    {
        var body = await GetAsync(restPort, "/cluster", timeout, ct);
        return body is null ? null : ParseCluster(body.Value.Body);
    }

    /// <summary>GET <paramref name="path"/>: status code and body, or null when there is no answer in time.</summary>
    public static async Task<(int Status, string Body)?> GetAsync(int port, string path, TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            using var response = await Http.GetAsync(new Uri($"http://{LocalClusterConstants.Host}:{port}{path}"), cts.Token);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cts.Token));
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Parses a <c>/cluster</c> body.</summary>
    public static PatroniCluster? ParseCluster(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var members = new List<PatroniMember>();
            if (doc.RootElement.TryGetProperty("members", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var m in list.EnumerateArray())
                {
                    var name = m.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
                    var role = m.TryGetProperty("role", out var r) ? r.GetString() ?? "" : "";
                    var state = m.TryGetProperty("state", out var s) ? s.GetString() ?? "" : "";
                    int? timeline = m.TryGetProperty("timeline", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetInt32() : null;
                    long? lag = m.TryGetProperty("lag", out var l) && l.ValueKind == JsonValueKind.Number ? l.GetInt64() : null;
                    members.Add(new PatroniMember(name, role, state, timeline, lag));
                }
            }

            return new PatroniCluster(members);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>Patroni's view of the cluster.</summary>
internal sealed record PatroniCluster(IReadOnlyList<PatroniMember> Members)
{
    /// <summary>The leader, when one holds the lock.</summary>
    public PatroniMember? Leader => Members.FirstOrDefault(m => m.IsLeader);

    /// <summary>The member named <paramref name="name"/>.</summary>
    public PatroniMember? Find(string name) => Members.FirstOrDefault(m => m.Name == name);
}

/// <summary>One member in Patroni's view.</summary>
internal sealed record PatroniMember(string Name, string Role, string State, int? Timeline, long? LagBytes)
{
    /// <summary>True for the leader (primary).</summary>
    public bool IsLeader => Role is "leader" or "master" or "primary";

    /// <summary>True for the synchronous standby.</summary>
    public bool IsSynchronous => Role == "sync_standby";

    /// <summary>True when PostgreSQL runs (and, for a replica, streams).</summary>
    public bool IsRunning => State is "running" or "streaming";
}
