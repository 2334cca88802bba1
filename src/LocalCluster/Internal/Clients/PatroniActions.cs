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

    /// <summary>Posts <paramref name="body"/> to <paramref name="action"/> (<c>failover</c> or <c>switchover</c>) on the REST API at <paramref name="restPort"/>.</summary>
    /// <exception cref="LocalClusterException">Patroni refused it (its answer is in the message).</exception>
    public async Task PostAsync(int restPort, string action, object body, string what, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"http://{LocalClusterConstants.Host}:{restPort}/{action}"))
        {
            // Patroni's REST server wants a Content-Length: a buffered body, not a streamed one.
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"patroni:{env.Secrets.RestApi}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        using var response = await Http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
        {
            var answer = (await response.Content.ReadAsStringAsync(ct)).Trim();
            throw new LocalClusterException($"Patroni refused the {what}: {(int)response.StatusCode} {answer}", LocalClusterException.Failed);
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
}
