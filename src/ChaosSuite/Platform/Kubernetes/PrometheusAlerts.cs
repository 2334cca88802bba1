using System.Text.Json;

namespace Resilience.ChaosSuite.Platform.Kubernetes;

/// <summary>
/// The alarm state of a cell: Prometheus's <c>GET /api/v1/alerts</c> lists the active alerts (pending or
/// firing) of every rule; the program's PrometheusRule names each alert after the spec's alarm and labels
/// it with the Cluster (<c>cluster</c>). An alarm is in ALARM while its alert fires; pending is not yet.
/// </summary>
internal sealed class PrometheusAlerts(Uri baseUrl, TimeSpan timeout) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUrl, Timeout = timeout };

    public Uri BaseUrl { get; } = baseUrl;

    /// <summary>The names of the alerts firing for <paramref name="cluster"/>.</summary>
    /// <exception cref="PlatformException">Prometheus did not answer, or not with its API's JSON.</exception>
    public async Task<IReadOnlyList<string>> FiringAsync(string cluster, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            using var response = await _http.GetAsync(new Uri("api/v1/alerts", UriKind.Relative), cancellationToken);
            body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new PlatformException($"Prometheus at {BaseUrl} answered /api/v1/alerts with {(int)response.StatusCode}; check {KubernetesPlatformConstants.PrometheusVariable}");
            }
        }
        catch (HttpRequestException e)
        {
            throw new PlatformException($"Prometheus at {BaseUrl} is unreachable ({e.Message.ReplaceLineEndings(" ")}); set {KubernetesPlatformConstants.PrometheusVariable} to the Prometheus that evaluates the stack's PrometheusRule", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PlatformException($"Prometheus at {BaseUrl} did not answer /api/v1/alerts within {timeout.TotalSeconds:0} s; check {KubernetesPlatformConstants.PrometheusVariable}", e);
        }

        return Parse(body, cluster, BaseUrl);
    }

    /// <summary>The firing alerts of <paramref name="cluster"/> in an <c>/api/v1/alerts</c> answer.</summary>
    public static IReadOnlyList<string> Parse(string body, string cluster, Uri from)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (!root.TryGetProperty("status", out var status) || status.GetString() != "success"
                || !root.TryGetProperty("data", out var data) || !data.TryGetProperty("alerts", out var alerts) || alerts.ValueKind != JsonValueKind.Array)
            {
                throw new PlatformException($"Prometheus at {from} answered /api/v1/alerts without status success and data.alerts; is it a Prometheus?");
            }

            return [.. alerts.EnumerateArray()
                .Where(a => a.TryGetProperty("state", out var state) && state.GetString() == "firing")
                .Select(a => a.TryGetProperty("labels", out var labels) ? labels : default)
                .Where(l => l.ValueKind == JsonValueKind.Object && l.TryGetProperty("cluster", out var c) && c.GetString() == cluster && l.TryGetProperty("alertname", out _))
                .Select(l => l.GetProperty("alertname").GetString()!)
                .Distinct(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new PlatformException($"Prometheus at {from} answered /api/v1/alerts with something that is not its JSON ({e.Message.ReplaceLineEndings(" ")})", e);
        }
    }

    public void Dispose() => _http.Dispose();
}
