namespace Resilience.LocalCluster.Internal.Clients;

/// <summary>
/// The few etcd calls the supervisor makes on Patroni's keys (etcd v2 API, which Patroni uses here):
/// removing a lost member from Patroni's view, releasing a lost primary's leader lock, reading the
/// leader, synchronous-standby and status keys when no primary runs, and watching the leader lock for the write endpoint.
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

    /// <summary>
    /// The value of <paramref name="key"/> (null when absent) and etcd's index at the read, the point a watch continues
    /// from. Throws <see cref="HttpRequestException"/> when etcd does not answer.
    /// </summary>
    public static async Task<(string? Value, long Index)> GetWithIndexAsync(int clientPort, string key, CancellationToken ct)
    {
        using var response = await Http.GetAsync(KeyUri(clientPort, key, query: ""), ct);
        if (response.StatusCode != System.Net.HttpStatusCode.NotFound)
        {
            response.EnsureSuccessStatusCode();
        }

        var index = response.Headers.TryGetValues("X-Etcd-Index", out var values)
            && long.TryParse(values.FirstOrDefault(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : 0;
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return (null, index);
        }

        using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var value = doc.RootElement.TryGetProperty("node", out var node) && node.TryGetProperty("value", out var v) ? v.GetString() : null;
        return (value, index);
    }

    /// <summary>
    /// Waits until <paramref name="key"/> changes after etcd index <paramref name="afterIndex"/> (set, refreshed, deleted
    /// or expired: etcd's v2 watch, answered the moment it happens) or <paramref name="timeout"/> passes. Returns
    /// without telling which: the caller reads the key again either way. Never throws but for <paramref name="ct"/>.
    /// </summary>
    public static async Task WaitForChangeAsync(int clientPort, string key, long afterIndex, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            var query = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"?wait=true&waitIndex={afterIndex + 1}");
            // etcd flushes the headers at once and the body when the key changes: the whole body is the wait.
            using var response = await Http.GetAsync(KeyUri(clientPort, key, query), HttpCompletionOption.ResponseContentRead, deadline.Token);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            // Timed out or etcd not answering: the caller reads again (and backs off on its own failures).
        }
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
