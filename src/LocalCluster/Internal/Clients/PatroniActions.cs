using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Resilience.LocalCluster.Internal.Clients;

/// <summary>
/// The leadership changes asked of Patroni's REST API (<c>POST /failover</c>, <c>POST /switchover</c>), with the
/// stack's REST credentials, and the wait until the named member runs as the leader.
/// </summary>
internal sealed class PatroniActions(ClusterEnvironment env)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A patch that removes a key Patroni's configuration never has: applying it changes nothing.</summary>
    internal const string NoOpPatch = "{\"resilience_wakeup\":null}";

    /// <summary>Posts <paramref name="body"/> to <paramref name="action"/> (<c>failover</c> or <c>switchover</c>) on the REST API at <paramref name="restPort"/>.</summary>
    /// <exception cref="LocalClusterException">Patroni refused it (its answer is in the message).</exception>
    public async Task PostAsync(int restPort, string action, object body, string what, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"http://{LocalClusterConstants.Host}:{restPort}/{action}"))
        {
            // Patroni's REST server wants a Content-Length: a buffered body, not a streamed one.
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = Basic();
        using var response = await Http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            var answer = (await response.Content.ReadAsStringAsync(ct)).Trim();
            throw new LocalClusterException($"Patroni refused the {what}: {(int)response.StatusCode} {answer}", LocalClusterException.Failed);
        }
    }

    /// <summary>
    /// Makes the member's Patroni run its HA loop now instead of at the end of its <c>loop_wait</c> nap: after a
    /// machine loss the leader then drops a lost synchronous standby, and a synchronous standby takes a released
    /// leader lock, at once. Patroni 3.0.2 has no "run a cycle" call, but <c>PATCH /config</c> wakes the loop
    /// after applying its patch (api.py <c>do_PATCH_config</c>); removing a key that is not there changes nothing
    /// and writes nothing to etcd. False when the member did not answer in time.
    /// </summary>
    public async Task<bool> WakeAsync(int restPort, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri($"http://{LocalClusterConstants.Host}:{restPort}/config"))
        {
            Content = new StringContent(NoOpPatch, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = Basic();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(LocalClusterConstants.ProbeTimeout);
        try
        {
            using var response = await Http.SendAsync(request, cts.Token);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Waits until <paramref name="candidate"/> runs as the leader, as the REST API at <paramref name="restPort"/> sees the cluster.</summary>
    /// <exception cref="LocalClusterException">It did not within <paramref name="timeout"/>.</exception>
    public async Task WaitForLeaderAsync(string candidate, int restPort, TimeSpan timeout, string what, CancellationToken ct)
    {
        var deadline = env.Time.GetUtcNow() + timeout;
        while (env.Time.GetUtcNow() < deadline)
        {
            var view = await PatroniClient.ClusterAsync(restPort, LocalClusterConstants.ProbeTimeout, ct);
            if (view?.Leader is { IsRunning: true } leader && leader.Name == candidate)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), env.Time, ct);
        }

        throw new LocalClusterException($"{candidate} was not running as primary {timeout.TotalSeconds:0} s after the {what} request; see its Patroni log", LocalClusterException.Failed);
    }

    private AuthenticationHeaderValue Basic() =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"patroni:{env.Secrets.RestApi}")));
}
