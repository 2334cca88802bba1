using System.Text.Json;
using Resilience.HealthProbes.Internal;

namespace Resilience.HealthProbes.Probes;

/// <summary>The leader Patroni reports: the current primary of the cluster.</summary>
internal sealed record LeaderView(string Name, string Host, int Port, int? Timeline)
{
    public override string ToString() => $"{Name} at {Host}:{Port}";
}

/// <summary>Asks the member's Patroni REST API (<c>GET /cluster</c>) which member leads.</summary>
internal sealed class PatroniLeader
{
    private readonly HttpClient _http;
    private readonly Uri _cluster;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;

    public PatroniLeader(HttpClient http, Uri patroniUrl, TimeSpan timeout, TimeProvider time)
    {
        _http = http;
        _cluster = new Uri(patroniUrl, "cluster");
        _timeout = timeout;
        _time = time;
    }

    /// <summary>The leader, or the one-line reason it is unknown. Returns within the timeout.</summary>
    public async Task<(LeaderView? Leader, string? Problem)> GetAsync(CancellationToken stop)
    {
        using var timeout = new CancellationTokenSource(_timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
        try
        {
            using var response = await _http.GetAsync(_cluster, linked.Token).WaitAsync(_timeout, _time, stop).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"patroni {_cluster} answered {(int)response.StatusCode}");
            }

            var body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            return Parse(body) is { } leader ? (leader, null) : (null, "patroni reports no leader");
        }
        catch (Exception e) when (!stop.IsCancellationRequested && (e is TimeoutException || timeout.IsCancellationRequested))
        {
            return (null, $"patroni {_cluster} did not answer within {_timeout.TotalMilliseconds:0} ms");
        }
        catch (Exception e) when (!stop.IsCancellationRequested && e is HttpRequestException or JsonException or InvalidOperationException)
        {
            return (null, $"patroni {_cluster}: {Errors.OneLine(e)}");
        }
    }

    /// <summary>The member whose role is <c>leader</c> (or <c>standby_leader</c>) in a <c>/cluster</c> document.</summary>
    public static LeaderView? Parse(string clusterJson)
    {
        using var document = JsonDocument.Parse(clusterJson);
        if (!document.RootElement.TryGetProperty("members", out var members) || members.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var member in members.EnumerateArray())
        {
            var role = member.TryGetProperty("role", out var r) ? r.GetString() : null;
            if (role is not ("leader" or "standby_leader")
                || !member.TryGetProperty("host", out var host) || host.GetString() is not { } hostName
                || !member.TryGetProperty("port", out var port) || !port.TryGetInt32(out var portNumber))
            {
                continue;
            }

            var name = member.TryGetProperty("name", out var n) ? n.GetString() ?? "?" : "?";
            int? timeline = member.TryGetProperty("timeline", out var t) && t.TryGetInt32(out var tl) ? tl : null;
            return new LeaderView(name, hostName, portNumber, timeline);
        }

        return null;
    }
}
