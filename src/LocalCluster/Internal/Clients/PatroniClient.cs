using System.Text.Json;
using Resilience.Topology.Patroni;

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

    /// <summary>Parses a <c>/cluster</c> body (<see cref="PatroniCluster.Parse"/>); null when it is not JSON.</summary>
    public static PatroniCluster? ParseCluster(string json)
    {
        try
        {
            return PatroniCluster.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
