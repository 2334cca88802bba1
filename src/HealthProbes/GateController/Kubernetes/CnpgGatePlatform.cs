using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Resilience.HealthProbes.GateController.Kubernetes;

/// <summary>
/// One CloudNativePG Cluster's side of the gate: the replica pods from a label-selected pod list (every
/// <see cref="MinimumReadInterval"/>, not a watch: a new pod is cold anyway, and a list is restartable), the primary from
/// the Cluster's status, and the members as the pods labelled <c>resilience.dev/warm=true</c>, which the
/// <c>-warm-readers</c> Service selects (with <c>cnpg.io/instanceRole=replica</c>). The gate sets the label to
/// <c>true</c> or <c>false</c> with a JSON merge patch; it needs get on the Cluster and list and patch on pods.
/// </summary>
internal sealed class CnpgGatePlatform(IKubernetes client, string ns, string cluster, Func<string, string> groupOf, string where) : IGatePlatform
{
    /// <summary>The label the Service selects on (infra/kubernetes/constants.ts WARM_LABEL).</summary>
    public const string WarmLabel = "resilience.dev/warm";

    private const string Group = "postgresql.cnpg.io";
    private Dictionary<string, string?> _labels = new(StringComparer.Ordinal);

    public string Cluster => cluster;

    public TimeSpan MinimumReadInterval => TimeSpan.FromSeconds(1);

    public async Task<PlatformView> ReadAsync(CancellationToken cancellationToken)
    {
        var state = await CallAsync("get", $"clusters.{Group}", cluster,
            () => client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(Group, "v1", ns, "clusters", cluster, cancellationToken)).ConfigureAwait(false);
        var primary = state.TryGetProperty("status", out var status) && status.TryGetProperty("currentPrimary", out var p) ? p.GetString() : null;
        var pods = await CallAsync("list", "pods", null,
            () => client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: $"cnpg.io/cluster={cluster},cnpg.io/podRole=instance", cancellationToken: cancellationToken)).ConfigureAwait(false);
        _labels = pods.Items.ToDictionary(pod => pod.Metadata.Name, pod => Label(pod, WarmLabel), StringComparer.Ordinal);
        var readers = pods.Items
            .Where(pod => pod.Metadata.Name != primary && Label(pod, "cnpg.io/instanceRole") != "primary")
            .Select(pod =>
            {
                var phase = pod.Status?.Phase ?? "Unknown";
                var address = pod.Status?.PodIP;
                var port = pod.Spec?.Containers?.SelectMany(c => c.Ports ?? []).FirstOrDefault(c => c.Name == "postgresql")?.ContainerPort ?? 5432;
                var running = phase == "Running" && pod.Metadata.DeletionTimestamp is null;
                return new ReaderCandidate(pod.Metadata.Name, string.IsNullOrEmpty(address) ? null : address, port, running,
                    pod.Metadata.DeletionTimestamp is null ? phase : "Terminating", pod.Metadata.Uid, groupOf(pod.Metadata.Name));
            }).ToList();
        var members = _labels.Where(l => l.Value == "true").Select(l => l.Key).ToList();
        return new PlatformView(readers, members, Settled: _labels.Values.All(l => l is "true" or "false"));
    }

    public async Task SetMembersAsync(IReadOnlyList<string> members, PlatformView current, CancellationToken cancellationToken)
    {
        // Removals first: a pod leaves the Service before another joins, never the other way round.
        foreach (var (pod, label) in _labels.OrderBy(l => members.Contains(l.Key) ? 1 : 0))
        {
            var wanted = members.Contains(pod) ? "true" : "false";
            if (label == wanted)
            {
                continue;
            }

            var patch = new V1Patch($"{{\"metadata\":{{\"labels\":{{\"{WarmLabel}\":\"{wanted}\"}}}}}}", V1Patch.PatchType.MergePatch);
            await CallAsync("patch", "pods", pod, () => client.CoreV1.PatchNamespacedPodAsync(patch, pod, ns, cancellationToken: cancellationToken)).ConfigureAwait(false);
            _labels[pod] = wanted;
        }
    }

    // On Kubernetes the count is the -warm-readers Service's ready endpoints, which the PrometheusRule reads
    // (infra/kubernetes/alarmExpressions.ts): the labels are the count, nothing else is published.
    public Task PublishWarmCountAsync(int count, CancellationToken cancellationToken) => Task.CompletedTask;

    private static string? Label(V1Pod pod, string key) => pod.Metadata.Labels is { } labels && labels.TryGetValue(key, out var value) ? value : null;

    private async Task<T> CallAsync<T>(string verb, string resource, string? name, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (HttpOperationException e)
        {
            var code = e.Response?.StatusCode;
            var what = name is null ? $"{verb} {resource}" : $"{verb} {resource} {name}";
            throw new GatePlatformException(code switch
            {
                HttpStatusCode.NotFound when resource.StartsWith("clusters", StringComparison.Ordinal) =>
                    $"Cluster {cluster} not found in namespace {ns} ({where}): check resilience:kubernetes.namespace, or run `pulumi up` for the stack",
                HttpStatusCode.Forbidden => $"the API server denied {what} in namespace {ns} (403): the gate's Role needs get on clusters.{Group} and list, patch on pods (docs/infrastructure.md)",
                HttpStatusCode.Unauthorized => $"the API server ({where}) refused the gate's credentials (401)",
                _ => $"{what} in namespace {ns} failed ({(int?)code})",
            }, throttled: code == HttpStatusCode.TooManyRequests, e);
        }
        catch (HttpRequestException e)
        {
            throw new GatePlatformException($"the API server ({where}) is unreachable: {e.Message.ReplaceLineEndings(" ")}", inner: e);
        }
    }
}
