using System.Globalization;
using k8s.Models;

namespace Resilience.ChaosSuite.Platform.Kubernetes;

/// <summary>One instance pod of a CloudNativePG cluster, as the adapter uses it.</summary>
/// <param name="Name">The pod's name (<c>pg-default-3</c>); CloudNativePG recreates a pod under its name when its volume survives.</param>
/// <param name="Uid">metadata.uid: a recreated pod has a new one (the member's incarnation).</param>
/// <param name="Labels">metadata.labels (the warm label, the instance role).</param>
/// <param name="Ready">The pod's Ready condition is True (its readiness probe passes: streaming within the lag bound).</param>
/// <param name="Deleting">metadata.deletionTimestamp is set.</param>
/// <param name="Phase">status.phase (Pending, Running, Failed, Unknown).</param>
/// <param name="PodIp">status.podIP, once assigned.</param>
/// <param name="Port">The <c>postgres</c> container's <c>postgresql</c> port.</param>
/// <param name="Claims">The PersistentVolumeClaims the pod mounts (data, and WAL when separate).</param>
internal sealed record CnpgInstance(
    string Name,
    string Uid,
    IReadOnlyDictionary<string, string> Labels,
    bool Ready,
    bool Deleting,
    string? Phase,
    string? PodIp,
    int Port,
    IReadOnlyList<string> Claims)
{
    /// <summary>CloudNativePG's container and port names in an instance pod.</summary>
    public const string PostgresContainer = "postgres";

    public const string PostgresPortName = "postgresql";

    public const int DefaultPort = 5432;

    /// <summary>The instance's serial number: CloudNativePG names pods <c>&lt;cluster&gt;-&lt;serial&gt;</c>.</summary>
    public int Serial => int.TryParse(Name.AsSpan(Name.LastIndexOf('-') + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var serial) ? serial : int.MaxValue;

    /// <summary>What <see cref="KubernetesPlatformConstants.ServerIdentitySql"/> answers on this instance: its pod IP and port.</summary>
    public string ServerIdentity => $"{PodIp}:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>True when the pod carries every label of <paramref name="selector"/> (a Service's selector).</summary>
    public bool Matches(IReadOnlyDictionary<string, string> selector) =>
        selector.All(s => Labels.TryGetValue(s.Key, out var value) && value == s.Value);

    public static CnpgInstance From(V1Pod pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var postgres = pod.Spec?.Containers?.FirstOrDefault(c => c.Name == PostgresContainer);
        var port = postgres?.Ports?.FirstOrDefault(p => p.Name == PostgresPortName)?.ContainerPort ?? DefaultPort;
        return new CnpgInstance(
            pod.Metadata.Name,
            pod.Metadata.Uid ?? "",
            pod.Metadata.Labels is { } labels ? new Dictionary<string, string>(labels, StringComparer.Ordinal) : new Dictionary<string, string>(StringComparer.Ordinal),
            pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true,
            pod.Metadata.DeletionTimestamp is not null,
            pod.Status?.Phase,
            pod.Status?.PodIP,
            port,
            [.. (pod.Spec?.Volumes ?? []).Where(v => v.PersistentVolumeClaim is not null).Select(v => v.PersistentVolumeClaim.ClaimName)]);
    }
}
