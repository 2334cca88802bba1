using System.Net;
using System.Text.Json.Nodes;

namespace Resilience.KubernetesStandIn;

/// <summary>
/// Clusters created through the API (a restore drill's recovery Cluster): kept as the manifest sent, reported
/// <c>Setting up primary</c> until <see cref="OnClusterCreated"/> has brought up the database behind it, then healthy
/// with one ready instance and a <c>-rw</c> Service to it; deleted with their Service, as the operator does.
/// </summary>
public sealed partial class KubernetesStandIn
{
    /// <summary>Clusters created through the API, by name, as they were sent.</summary>
    public Dictionary<string, JsonObject> CreatedClusters { get; } = new(StringComparer.Ordinal);

    /// <summary>The created clusters that serve (their database is up).</summary>
    public HashSet<string> ServingClusters { get; } = new(StringComparer.Ordinal);

    /// <summary>Clusters deleted through the API, in order.</summary>
    public List<string> DeletedClusters { get; } = [];

    /// <summary>Brings up the database behind a created Cluster (outside the lock) and returns where it listens. Null: it never serves.</summary>
    public Func<JsonObject, Task<(string Host, int Port)>>? OnClusterCreated { get; set; }

    /// <summary>Called (outside the lock) once a created Cluster is deleted.</summary>
    public Func<string, Task>? OnClusterDeleted { get; set; }

    /// <summary>The cell Cluster's spec.backup (as the Pulumi program sets it), or null for none.</summary>
    public JsonObject? Backup { get; set; }

    /// <summary>The cell Cluster's status.firstRecoverabilityPoint, reported when <see cref="Backup"/> is set.</summary>
    public DateTimeOffset FirstRecoverabilityPoint { get; set; } = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);

    private void AddBackup(JsonObject cluster)
    {
        if (Backup is null)
        {
            return;
        }

        cluster["spec"]!["backup"] = Backup.DeepClone();
        cluster["status"]!["firstRecoverabilityPoint"] = FirstRecoverabilityPoint.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        cluster["status"]!["lastSuccessfulBackup"] = cluster["status"]!["firstRecoverabilityPoint"]!.DeepClone();
    }

    private JsonObject CreatedClusterJson(string ns, string name)
    {
        if (ns != Namespace || !CreatedClusters.TryGetValue(name, out var manifest))
        {
            throw NotFound($"clusters.{CnpgGroup}", name);
        }

        var json = manifest.DeepClone().AsObject();
        var serving = ServingClusters.Contains(name);
        json["status"] = new JsonObject
        {
            ["phase"] = serving ? "Cluster in healthy state" : "Setting up primary",
            ["instances"] = 1,
            ["readyInstances"] = serving ? 1 : 0,
            ["currentPrimary"] = serving ? $"{name}-1" : null,
        };
        return json;
    }

    private (Reply, Func<Task>?) CreateCluster(string ns, string body)
    {
        var manifest = JsonNode.Parse(body)?.AsObject() ?? throw new StandInStatus(HttpStatusCode.BadRequest, "BadRequest", "the body is not a JSON object");
        var name = manifest["metadata"]?["name"]?.GetValue<string>() ?? throw new StandInStatus(HttpStatusCode.UnprocessableEntity, "Invalid", "metadata.name: Required value");
        if (ns != Namespace || manifest["metadata"]?["namespace"]?.GetValue<string>() is { } declared && declared != ns)
        {
            throw new StandInStatus(HttpStatusCode.BadRequest, "BadRequest", $"the namespace of the provided object does not match the namespace sent on the request");
        }

        if (CreatedClusters.ContainsKey(name) || Cluster?.Name == name)
        {
            throw new StandInStatus(HttpStatusCode.Conflict, "AlreadyExists", $"clusters.{CnpgGroup} \"{name}\" already exists");
        }

        CreatedClusters[name] = manifest;
        var up = OnClusterCreated;
        return (new Reply(HttpStatusCode.Created, CreatedClusterJson(ns, name).ToJsonString()), up is null ? null : async () =>
        {
            var (host, port) = await up(manifest);
            lock (Gate)
            {
                if (CreatedClusters.ContainsKey(name))
                {
                    Services.Add(new StandInService { Name = $"{name}-rw", ClusterIp = host, Port = port });
                    ServingClusters.Add(name);
                }
            }
        });
    }

    private (Reply, Func<Task>?) DeleteCreatedCluster(string ns, string name)
    {
        if (ns != Namespace || !CreatedClusters.Remove(name))
        {
            throw NotFound($"clusters.{CnpgGroup}", name);
        }

        ServingClusters.Remove(name);
        Services.RemoveAll(s => s.Name == $"{name}-rw");
        DeletedClusters.Add(name);
        var deleted = OnClusterDeleted;
        return (new Reply(HttpStatusCode.OK, new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["status"] = "Success" }.ToJsonString()),
            deleted is null ? null : () => deleted(name));
    }
}
