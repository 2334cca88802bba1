using System.Text.Json;
using Resilience.HealthProbes.Internal;
using Resilience.Topology.Patroni;

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

    /// <summary>The leader (<see cref="PatroniMember.IsLeader"/>) of a <c>/cluster</c> document, when Patroni lists where it listens.</summary>
    /// <exception cref="JsonException">The body is not JSON.</exception>
    public static LeaderView? Parse(string clusterJson) =>
        PatroniCluster.Parse(clusterJson).Members.FirstOrDefault(m => m.IsLeader && m.Host is not null && m.Port is not null) is { } leader
            ? new LeaderView(leader.Name.Length == 0 ? "?" : leader.Name, leader.Host!, leader.Port!.Value, leader.Timeline)
            : null;
}
