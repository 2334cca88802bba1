using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;

namespace Resilience.ChaosSuite.Platform.Kubernetes;

/// <summary>The restore drill's calls: the source Cluster as JSON, and the temporary Cluster created, read and deleted.</summary>
internal sealed partial class CnpgApi
{
    private const string ClusterResource = "clusters.postgresql.cnpg.io";

    /// <summary>Cluster <paramref name="name"/> as the API server returns it, or null when there is none.</summary>
    public Task<JsonElement?> FindClusterJsonAsync(string name, CancellationToken cancellationToken) =>
        CallAsync<JsonElement?>("get", ClusterResource, name, async () =>
        {
            try
            {
                return await Client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(CnpgNames.Group, CnpgNames.Version, Names.Namespace, CnpgNames.ClusterPlural, name, cancellationToken);
            }
            catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
        });

    public Task CreateClusterAsync(JsonObject manifest, CancellationToken cancellationToken) =>
        CallAsync("create", ClusterResource, manifest["metadata"]?["name"]?.GetValue<string>(), () =>
            Client.CustomObjects.CreateNamespacedCustomObjectAsync<JsonElement>(manifest, CnpgNames.Group, CnpgNames.Version, Names.Namespace, CnpgNames.ClusterPlural, cancellationToken: cancellationToken));

    /// <summary>Deletes Cluster <paramref name="name"/> (CloudNativePG deletes its pods and volumes with it); false when there was none.</summary>
    public Task<bool> DeleteClusterAsync(string name, CancellationToken cancellationToken) =>
        CallAsync("delete", ClusterResource, name, async () =>
        {
            try
            {
                await Client.CustomObjects.DeleteNamespacedCustomObjectAsync(CnpgNames.Group, CnpgNames.Version, Names.Namespace, CnpgNames.ClusterPlural, name, cancellationToken: cancellationToken);
                return true;
            }
            catch (HttpOperationException e) when (e.Response?.StatusCode == HttpStatusCode.NotFound)
            {
                return false;
            }
        });
}
