using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Resilience.ChaosSuite.Platform.Kubernetes;

/// <summary>
/// The few API server calls the adapter makes, over KubernetesClient, each turned into one line on failure
/// (not found, RBAC denied, unreachable). The only place that knows the client library, so a better-served
/// client can replace it.
/// </summary>
internal sealed partial class CnpgApi(IKubernetes client, CnpgNames cellNames, string where) : IDisposable
{
    /// <summary>Where the client points, for messages: the context and server, or the in-cluster account.</summary>
    public string Where { get; } = where;

    /// <summary>The cell's object names.</summary>
    public CnpgNames Names { get; } = cellNames;

    /// <summary>The client, for the calls of the other part of this class (CnpgApi.Restores.cs).</summary>
    private IKubernetes Client => client;

    public Task<CnpgClusterState> GetClusterAsync(CancellationToken cancellationToken) =>
        CallAsync("get", "clusters.postgresql.cnpg.io", Names.Cluster, async () =>
        {
            var cluster = await client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(CnpgNames.Group, CnpgNames.Version, Names.Namespace, CnpgNames.ClusterPlural, Names.Cluster, cancellationToken);
            return CnpgClusterState.Parse(cluster);
        }, () => $"Cluster {Names.Cluster} not found in namespace {Names.Namespace} ({Where}); check the namespace (resilience:kubernetes.namespace or {KubernetesPlatformConstants.NamespaceVariable}) and the context, or run `pulumi up` for the stack");

    public Task<IReadOnlyList<CnpgInstance>> ListInstancesAsync(CancellationToken cancellationToken) =>
        CallAsync<IReadOnlyList<CnpgInstance>>("list", "pods", null, async () =>
        {
            var pods = await client.CoreV1.ListNamespacedPodAsync(Names.Namespace, labelSelector: Names.PodSelector, cancellationToken: cancellationToken);
            return [.. pods.Items.Select(CnpgInstance.From)];
        });

    public Task<V1Service> GetServiceAsync(string name, CancellationToken cancellationToken) =>
        CallAsync("get", "services", name, () => client.CoreV1.ReadNamespacedServiceAsync(name, Names.Namespace, cancellationToken: cancellationToken),
            () => $"Service {name} of Cluster {Names.Cluster} not found in namespace {Names.Namespace}; run `pulumi up` for the stack");

    /// <summary>The application user and password from the Secret CloudNativePG generated (keys <c>username</c>, <c>password</c>).</summary>
    public Task<(string User, string Password)> GetAppCredentialsAsync(CancellationToken cancellationToken) =>
        CallAsync("get", "secrets", Names.AppSecret, async () =>
        {
            var secret = await client.CoreV1.ReadNamespacedSecretAsync(Names.AppSecret, Names.Namespace, cancellationToken: cancellationToken);
            string Key(string key) => secret.Data?.TryGetValue(key, out var bytes) == true ? System.Text.Encoding.UTF8.GetString(bytes)
                : throw new PlatformException($"Secret {Names.AppSecret} in namespace {Names.Namespace} has no key {key}; is it CloudNativePG's application secret?");
            return (Key("username"), Key("password"));
        }, () => $"Secret {Names.AppSecret} (the application's credentials) not found in namespace {Names.Namespace}; CloudNativePG creates it with the Cluster");

    /// <summary>Deletes a pod with no grace period; <paramref name="dryRun"/> asks the server to check (authorization, admission) without deleting.</summary>
    public Task DeletePodAsync(string pod, bool dryRun, CancellationToken cancellationToken) =>
        CallAsync("delete", "pods", pod, () => client.CoreV1.DeleteNamespacedPodAsync(pod, Names.Namespace, new V1DeleteOptions { GracePeriodSeconds = 0 }, dryRun: dryRun ? "All" : null, gracePeriodSeconds: 0, cancellationToken: cancellationToken),
            () => $"pod {pod} no longer exists in namespace {Names.Namespace}");

    public Task DeleteClaimAsync(string claim, bool dryRun, CancellationToken cancellationToken) =>
        CallAsync("delete", "persistentvolumeclaims", claim, () => client.CoreV1.DeleteNamespacedPersistentVolumeClaimAsync(claim, Names.Namespace, dryRun: dryRun ? "All" : null, cancellationToken: cancellationToken),
            () => $"PersistentVolumeClaim {claim} no longer exists in namespace {Names.Namespace}");

    /// <summary>Sets the Cluster's spec.instances (a JSON merge patch).</summary>
    public Task PatchInstancesAsync(int instances, CancellationToken cancellationToken) =>
        CallAsync("patch", "clusters.postgresql.cnpg.io", Names.Cluster, () =>
        {
            var patch = new V1Patch($"{{\"spec\":{{\"instances\":{instances}}}}}", V1Patch.PatchType.MergePatch);
            return client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, CnpgNames.Group, CnpgNames.Version, Names.Namespace, CnpgNames.ClusterPlural, Names.Cluster, cancellationToken: cancellationToken);
        });

    /// <summary>
    /// Asks CloudNativePG to switch over to <paramref name="instance"/> (<see cref="CnpgPromotion"/>): reads the Cluster,
    /// then patches its <c>status</c> subresource, locked on the resourceVersion read.
    /// </summary>
    public Task PromoteAsync(string instance, DateTimeOffset now, CancellationToken cancellationToken) =>
        CallAsync("patch", "clusters/status", Names.Cluster, async () =>
        {
            var cluster = await client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(CnpgNames.Group, CnpgNames.Version, Names.Namespace, CnpgNames.ClusterPlural, Names.Cluster, cancellationToken);
            var patch = new V1Patch(CnpgPromotion.Patch(cluster, instance, now), V1Patch.PatchType.MergePatch);
            return await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(patch, CnpgNames.Group, CnpgNames.Version, Names.Namespace, CnpgNames.ClusterPlural, Names.Cluster, cancellationToken: cancellationToken);
        }, () => $"Cluster {Names.Cluster} not found in namespace {Names.Namespace} ({Where})");

    /// <summary>Whether the runner may <paramref name="verb"/> <paramref name="resource"/> (<paramref name="name"/>, or any when null) in the namespace (a SelfSubjectAccessReview, which every authenticated user may create).</summary>
    public Task<bool> MayAsync(string verb, string resource, string group, string? name, CancellationToken cancellationToken) =>
        CallAsync("create", "selfsubjectaccessreviews.authorization.k8s.io", null, async () =>
        {
            var review = await client.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(new V1SelfSubjectAccessReview
            {
                Spec = new V1SelfSubjectAccessReviewSpec
                {
                    // "clusters/status" is the resource clusters with the subresource status.
                    ResourceAttributes = new V1ResourceAttributes
                    {
                        NamespaceProperty = Names.Namespace,
                        Verb = verb,
                        Resource = resource.Split('/')[0],
                        Subresource = resource.Contains('/', StringComparison.Ordinal) ? resource[(resource.IndexOf('/', StringComparison.Ordinal) + 1)..] : null,
                        Group = group,
                        Name = name,
                    },
                },
            }, cancellationToken: cancellationToken);
            return review.Status?.Allowed == true;
        });

    public void Dispose() => client.Dispose();

    private async Task<T> CallAsync<T>(string verb, string resource, string? name, Func<Task<T>> call, Func<string>? notFound = null)
    {
        try
        {
            return await call();
        }
        catch (HttpOperationException e)
        {
            var status = e.Response?.StatusCode;
            var reason = ServerMessage(e.Response?.Content) ?? e.Message;
            var what = name is null ? $"{verb} {resource}" : $"{verb} {resource} {name}";
            throw new PlatformException(status switch
            {
                HttpStatusCode.NotFound when notFound is not null => notFound(),
                HttpStatusCode.Forbidden => $"the API server denied {what} in namespace {Names.Namespace} (403: {reason}); grant the runner the Role in docs/gameday-kubernetes.md",
                HttpStatusCode.Conflict => $"{what} in namespace {Names.Namespace} was refused: the object changed since it was read (409: {reason}); nothing was changed, run again",
                HttpStatusCode.Unauthorized => $"the API server ({Where}) refused the runner's credentials (401: {reason}); refresh the kubeconfig's credentials",
                _ => $"{what} in namespace {Names.Namespace} failed ({(int?)status} {reason})",
            }, e);
        }
        catch (HttpRequestException e)
        {
            throw new PlatformException($"the API server ({Where}) is unreachable: {e.Message.ReplaceLineEndings(" ")}; check the kubeconfig context", e);
        }
        catch (TaskCanceledException e) when (e.InnerException is TimeoutException)
        {
            throw new PlatformException($"the API server ({Where}) did not answer {verb} {resource} in time; check the kubeconfig context", e);
        }
    }

    // The API server's errors are a Status object whose message says what was denied and to whom.
    private static string? ServerMessage(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(content);
            return json.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                ? message.GetString()!.ReplaceLineEndings(" ")
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
