namespace Resilience.LocalCluster.Internal.Clients;

/// <summary>
/// The few etcd calls the supervisor makes on Patroni's keys (etcd v2 API, which Patroni uses here):
/// removing a lost member from Patroni's view, releasing a lost primary's leader lock, and reading the
/// leader, synchronous-standby and status keys when no primary runs.
/// </summary>
internal static class EtcdClient
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(2) };

    /// <summary>Patroni's key of member <paramref name="member"/>.</summary>
    public static string MemberKey(string scope, string member) => $"/resilience/{scope}/members/{member}";

    /// <summary>Patroni's leader lock of the cluster: its value is the leader's name.</summary>
    public static string LeaderKey(string scope) => $"/resilience/{scope}/leader";

    /// <summary>Patroni's record of which standbys are synchronous (<c>{"leader": ..., "sync_standby": "a,b"}</c>).</summary>
    public static string SyncKey(string scope) => $"/resilience/{scope}/sync";

    /// <summary>Patroni's status key: the leader's last WAL position (<c>optime</c>), written once per loop.</summary>
    public static string StatusKey(string scope) => $"/resilience/{scope}/status";

    /// <summary>The value of <paramref name="key"/>; null when it is absent. Throws <see cref="HttpRequestException"/> when etcd does not answer.</summary>
    public static async Task<string?> GetAsync(int clientPort, string key, CancellationToken ct)
    {
        using var response = await Http.GetAsync(KeyUri(clientPort, key, query: ""), ct);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return doc.RootElement.TryGetProperty("node", out var node) && node.TryGetProperty("value", out var value) ? value.GetString() : null;
    }

    /// <summary>Deletes <paramref name="key"/>; false when etcd did not answer.</summary>
    public static Task<bool> DeleteAsync(int clientPort, string key, CancellationToken ct) =>
        SendDeleteAsync(KeyUri(clientPort, key, query: ""), ct);

    /// <summary>
    /// Deletes <paramref name="key"/> only while its value is <paramref name="expectedValue"/> (etcd's
    /// compare-and-delete), so a lock another member took meanwhile is never removed. False when the value
    /// differs, the key is absent or etcd did not answer.
    /// </summary>
    public static Task<bool> DeleteIfValueAsync(int clientPort, string key, string expectedValue, CancellationToken ct) =>
        SendDeleteAsync(KeyUri(clientPort, key, "?prevValue=" + Uri.EscapeDataString(expectedValue)), ct);

    /// <summary>True when etcd answers its health endpoint.</summary>
    public static async Task<bool> IsHealthyAsync(int clientPort, CancellationToken ct)
    {
        try
        {
            using var response = await Http.GetAsync(new Uri($"http://{LocalClusterConstants.Host}:{clientPort}/health"), ct);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }

    private static Uri KeyUri(int clientPort, string key, string query) =>
        new($"http://{LocalClusterConstants.Host}:{clientPort}/v2/keys{key}{query}");

    private static async Task<bool> SendDeleteAsync(Uri uri, CancellationToken ct)
    {
        try
        {
            using var response = await Http.DeleteAsync(uri, ct);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
