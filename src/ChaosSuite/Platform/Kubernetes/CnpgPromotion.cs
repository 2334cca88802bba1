using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Resilience.ChaosSuite.Platform.Kubernetes;

/// <summary>
/// CloudNativePG's documented way to ask for a switchover, as <c>kubectl cnpg promote CLUSTER INSTANCE</c> makes it:
/// a JSON merge patch of the Cluster's <c>status</c> subresource naming the new <c>targetPrimary</c> (with its
/// timestamp, the <c>Switchover in progress</c> phase and its reason, the Ready condition turned false), locked on the
/// object's resourceVersion so a concurrent change by the operator is refused (409) rather than overwritten. The
/// operator then shuts the old primary down cleanly, promotes the target and makes the old primary follow it.
/// </summary>
internal static class CnpgPromotion
{
    /// <summary>The phase CloudNativePG sets for a switchover (api/v1: PhaseSwitchover).</summary>
    public const string SwitchoverPhase = "Switchover in progress";

    /// <summary>The merge patch promoting <paramref name="instance"/> in <paramref name="cluster"/> (the object as last read).</summary>
    public static string Patch(JsonElement cluster, string instance, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(instance);
        var patch = new JsonObject();
        if (cluster.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("resourceVersion", out var version) && version.ValueKind == JsonValueKind.String)
        {
            patch["metadata"] = new JsonObject { ["resourceVersion"] = version.GetString() };
        }

        var utc = now.ToUniversalTime();
        patch["status"] = new JsonObject
        {
            ["targetPrimary"] = instance,
            // metav1.RFC3339Micro, as the plugin writes it.
            ["targetPrimaryTimestamp"] = utc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            ["phase"] = SwitchoverPhase,
            ["phaseReason"] = $"Switching over to {instance}",
            ["conditions"] = NotReady(cluster, utc),
        };
        return patch.ToJsonString();
    }

    // A merge patch replaces a list whole: keep every condition, with Ready false (reason ClusterIsNotReady), as the
    // operator's own SetClusterReadyCondition does for any phase but healthy.
    private static JsonArray NotReady(JsonElement cluster, DateTimeOffset now)
    {
        var conditions = new JsonArray();
        var seen = false;
        if (cluster.TryGetProperty("status", out var status) && status.TryGetProperty("conditions", out var existing) && existing.ValueKind == JsonValueKind.Array)
        {
            foreach (var condition in existing.EnumerateArray())
            {
                var node = JsonNode.Parse(condition.GetRawText())!.AsObject();
                if (node["type"]?.GetValue<string>() == "Ready")
                {
                    seen = true;
                    if (node["status"]?.GetValue<string>() != "False")
                    {
                        node["lastTransitionTime"] = Seconds(now);
                    }

                    node["status"] = "False";
                    node["reason"] = "ClusterIsNotReady";
                    node["message"] = "Cluster Is Not Ready";
                }

                conditions.Add(node);
            }
        }

        if (!seen)
        {
            conditions.Add(new JsonObject
            {
                ["type"] = "Ready",
                ["status"] = "False",
                ["reason"] = "ClusterIsNotReady",
                ["message"] = "Cluster Is Not Ready",
                ["lastTransitionTime"] = Seconds(now),
            });
        }

        return conditions;
    }

    private static string Seconds(DateTimeOffset utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
