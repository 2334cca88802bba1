using System.Text.Json;

namespace Resilience.ChaosSuite.Platform.Kubernetes;

/// <summary>What the adapter reads of a CloudNativePG <c>Cluster</c>: its desired instances, its labels and its status.</summary>
/// <param name="Name">metadata.name.</param>
/// <param name="Labels">metadata.labels.</param>
/// <param name="Instances">spec.instances: the desired number of instances.</param>
/// <param name="Phase">status.phase (<see cref="HealthyPhase"/> when settled).</param>
/// <param name="CurrentPrimary">status.currentPrimary: the pod that is primary now.</param>
/// <param name="TargetPrimary">status.targetPrimary: differs from the current one during a failover or switchover.</param>
/// <param name="ReadyInstances">status.readyInstances.</param>
/// <param name="TimelineId">status.timelineID: rises on every promotion.</param>
/// <param name="FailedInstances">The pods status.instancesStatus lists as failed.</param>
internal sealed record CnpgClusterState(
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    int Instances,
    string? Phase,
    string? CurrentPrimary,
    string? TargetPrimary,
    int ReadyInstances,
    long? TimelineId,
    IReadOnlyList<string> FailedInstances)
{
    /// <summary>The phase CloudNativePG reports when nothing is in progress (pkg/apis/v1: PhaseHealthy).</summary>
    public const string HealthyPhase = "Cluster in healthy state";

    /// <summary>Reads a Cluster object as the API server returns it.</summary>
    /// <exception cref="PlatformException">The object is not a Cluster (no metadata.name or spec.instances).</exception>
    public static CnpgClusterState Parse(JsonElement cluster)
    {
        var metadata = Property(cluster, "metadata");
        var spec = Property(cluster, "spec");
        var status = Property(cluster, "status");
        var name = Text(metadata, "name") ?? throw new PlatformException("the API server returned a Cluster without metadata.name");
        var instances = Number(spec, "instances") ?? throw new PlatformException($"Cluster {name} has no spec.instances");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Property(metadata, "labels") is { ValueKind: JsonValueKind.Object } l)
        {
            foreach (var label in l.EnumerateObject())
            {
                labels[label.Name] = label.Value.GetString() ?? "";
            }
        }

        var failed = Property(Property(status, "instancesStatus"), "failed") is { ValueKind: JsonValueKind.Array } f
            ? f.EnumerateArray().Select(e => e.GetString() ?? "").ToList()
            : [];
        return new CnpgClusterState(
            name,
            labels,
            (int)instances,
            Text(status, "phase"),
            Text(status, "currentPrimary"),
            Text(status, "targetPrimary"),
            (int)(Number(status, "readyInstances") ?? 0),
            Number(status, "timelineID"),
            failed);
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    private static string? Text(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static long? Number(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt64(out var n) ? n : null;
}
