using System.Net.Http.Json;
using Resilience.LocalCluster.Internal.State;

namespace Resilience.LocalCluster.Internal.Alarms;

/// <summary>POSTs each alarm state change as JSON to the spec's webhook URL, like an SNS HTTP subscription.</summary>
internal sealed class WebhookNotifier(Uri? url, TextWriter log)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(3) };

    /// <summary>Sends <paramref name="transitions"/>; failures are logged, never thrown (alarms must not stop the supervisor).</summary>
    public async Task NotifyAsync(IReadOnlyList<AlarmTransition> transitions, CancellationToken ct)
    {
        if (url is null)
        {
            return;
        }

        foreach (var t in transitions)
        {
            try
            {
                using var response = await Http.PostAsJsonAsync(url, t, StateStore.Json, ct);
                if (!response.IsSuccessStatusCode)
                {
                    await log.WriteLineAsync($"webhook {url} answered {(int)response.StatusCode} for {t.Alarm} -> {t.To}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                await log.WriteLineAsync($"webhook {url} failed for {t.Alarm} -> {t.To}: {e.Message}");
            }
        }
    }
}
