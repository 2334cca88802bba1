using Microsoft.Extensions.Logging;
using Resilience.LocalCluster.Internal.Alarms;

namespace Resilience.LocalCluster.Internal.Supervision.Jobs;

/// <summary>Sends this tick's alarm state changes to the spec's webhook (like an SNS HTTP subscription).</summary>
internal sealed class WebhookJob : ISupervisorJob
{
    private readonly WebhookNotifier _webhook;

    public WebhookJob(ClusterEnvironment env, ILogger<WebhookNotifier> log)
    {
        var url = env.Spec.Notifications.WebhookUrl;
        if (url is { IsSecret: true })
        {
            SupervisorLog.WebhookIsSecret(log);
        }

        _webhook = new WebhookNotifier(url is { IsSecret: false } ? new Uri(url.Value) : null, log);
    }

    public string Name => "webhooks";

    public Task RunAsync(SupervisorTick tick, CancellationToken ct) =>
        tick.Transitions.Count == 0 ? Task.CompletedTask : _webhook.NotifyAsync(tick.Transitions, ct);
}
