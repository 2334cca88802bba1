using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Resilience.ChaosSuite.Platform.Kubernetes;

/// <summary>
/// The temporary CloudNativePG Cluster of a restore drill: one instance bootstrapped by recovery from the source
/// Cluster's object store (its WAL archive and base backups) at a target time. It shares the source's image, storage,
/// service account (the object store's workload identity) and application credentials, and never archives itself: no
/// <c>spec.backup</c>, so it cannot write into the source's store.
/// </summary>
internal static class CnpgRecoveryCluster
{
    /// <summary>The label that names the drill on the temporary Cluster, so leftovers can be found.</summary>
    public const string DrillLabel = "resilience.dev/restore-drill";

    /// <summary>The name of the external cluster the recovery reads from.</summary>
    public const string Origin = "origin";

    /// <summary>The temporary Cluster's name: <c>&lt;source&gt;-&lt;drill&gt;</c>, within the 50 characters CloudNativePG allows (its pods add a suffix).</summary>
    public static string NameOf(string source, string drill)
    {
        var name = $"{source}-{drill}";
        return name.Length <= 50 ? name : name[..50].TrimEnd('-');
    }

    /// <summary>
    /// The manifest of copy <paramref name="drill"/> of <paramref name="source"/> (the Cluster as the API server returns
    /// it) at <paramref name="target"/>, for <paramref name="database"/> owned by <paramref name="owner"/>.
    /// </summary>
    /// <exception cref="PlatformException">The source archives to no object store.</exception>
    public static JsonObject Manifest(JsonElement source, string drill, DateTimeOffset target, string database, string owner)
    {
        var meta = source.GetProperty("metadata");
        var sourceName = meta.GetProperty("name").GetString()!;
        var ns = meta.GetProperty("namespace").GetString()!;
        var spec = source.GetProperty("spec");
        if (!spec.TryGetProperty("backup", out var backup) || !backup.TryGetProperty("barmanObjectStore", out var store))
        {
            throw new PlatformException($"Cluster {sourceName} in namespace {ns} archives to no object store (spec.backup.barmanObjectStore), so it cannot be restored to a point in time; set resilience:kubernetes.backupDestination and run `pulumi up`");
        }

        // The source's store as an external cluster: CloudNativePG finds its backups under destinationPath/serverName.
        var origin = JsonNode.Parse(store.GetRawText())!.AsObject();
        origin["serverName"] ??= sourceName;

        var copySpec = new JsonObject
        {
            ["instances"] = 1,
            ["bootstrap"] = new JsonObject
            {
                ["recovery"] = new JsonObject
                {
                    ["source"] = Origin,
                    ["database"] = database,
                    ["owner"] = owner,
                    ["secret"] = new JsonObject { ["name"] = $"{sourceName}-app" },
                    ["recoveryTarget"] = new JsonObject { ["targetTime"] = TargetTime(target) },
                },
            },
            ["externalClusters"] = new JsonArray(new JsonObject { ["name"] = Origin, ["barmanObjectStore"] = origin }),
        };
        foreach (var copied in new[] { "imageName", "storage", "serviceAccountTemplate", "resources", "postgresql" })
        {
            if (spec.TryGetProperty(copied, out var value))
            {
                copySpec[copied] = JsonNode.Parse(value.GetRawText());
            }
        }

        // The source's synchronous replication would wait forever for standbys a one-instance copy does not have.
        (copySpec["postgresql"] as JsonObject)?.Remove("synchronous");
        return new JsonObject
        {
            ["apiVersion"] = $"{CnpgNames.Group}/{CnpgNames.Version}",
            ["kind"] = "Cluster",
            ["metadata"] = new JsonObject
            {
                ["name"] = NameOf(sourceName, drill),
                ["namespace"] = ns,
                ["labels"] = new JsonObject { [DrillLabel] = drill, ["resilience.dev/restored-from"] = sourceName },
            },
            ["spec"] = copySpec,
        };
    }

    /// <summary>CloudNativePG's targetTime: PostgreSQL's timestamp with time zone, in UTC.</summary>
    public static string TargetTime(DateTimeOffset target) =>
        target.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "+00";
}
