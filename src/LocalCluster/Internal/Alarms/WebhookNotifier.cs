using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Resilience.LocalCluster.Internal.State;
using Resilience.LocalCluster.Internal.Supervision;

namespace Resilience.LocalCluster.Internal.Alarms;

/// <summary>POSTs each alarm state change as JSON to the spec's webhook URL, like an SNS HTTP subscription.</summary>
internal sealed class WebhookNotifier(Uri? url, ILogger log)
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
                    SupervisorLog.WebhookRefused(log, url, (int)response.StatusCode, t.Alarm, t.To.ToString());
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                SupervisorLog.WebhookFailed(log, url, t.Alarm, t.To.ToString(), e.Message);
            }
        }
    }
}
