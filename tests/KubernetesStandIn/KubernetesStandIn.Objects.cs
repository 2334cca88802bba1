using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;

namespace Resilience.KubernetesStandIn;

/// <summary>The objects as the API server serves them: a Cluster as CloudNativePG 1.30 writes it, the rest as KubernetesClient's models.</summary>
public sealed partial class KubernetesStandIn
{
    /// <summary>The Cluster as JSON (tests validate it against the CloudNativePG CRD schema).</summary>
    public JsonObject ClusterJson(StandInCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var labels = new JsonObject();
        foreach (var (key, value) in cluster.Labels)
        {
            labels[key] = value;
        }

        var names = Pods.Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        var healthy = Pods.Where(p => p.Ready && !cluster.FailedInstances.Contains(p.Name)).Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        var replicating = Pods.Where(p => !p.Ready && !cluster.FailedInstances.Contains(p.Name)).Select(p => p.Name).ToList();
        var status = new JsonObject
        {
            ["phase"] = cluster.Phase,
            ["instances"] = Pods.Count,
            ["readyInstances"] = cluster.ReadyInstances,
            ["currentPrimary"] = cluster.CurrentPrimary,
            ["targetPrimary"] = cluster.TargetPrimary ?? cluster.CurrentPrimary,
            ["conditions"] = cluster.Conditions.DeepClone(),
            ["timelineID"] = cluster.TimelineId,
            ["instanceNames"] = Strings(names),
            ["instancesStatus"] = new JsonObject { ["healthy"] = Strings(healthy), ["replicating"] = Strings(replicating), ["failed"] = Strings(cluster.FailedInstances) },
            ["latestGeneratedNode"] = Pods.Count == 0 ? 0 : Pods.Max(p => Serial(p.Name)),
            ["writeService"] = $"{cluster.Name}-rw",
            ["readService"] = $"{cluster.Name}-r",
        };
        // Fields the operator has not written yet are absent, not null.
        if (cluster.TargetPrimaryTimestamp is { } requestedAt)
        {
            status["targetPrimaryTimestamp"] = requestedAt;
        }

        if (cluster.PhaseReason is { } reason)
        {
            status["phaseReason"] = reason;
        }

        var json = new JsonObject
        {
            ["apiVersion"] = "postgresql.cnpg.io/v1",
            ["kind"] = "Cluster",
            ["metadata"] = new JsonObject
            {
                ["name"] = cluster.Name,
                ["namespace"] = Namespace,
                ["uid"] = cluster.Uid,
                ["resourceVersion"] = cluster.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["generation"] = 1,
                ["creationTimestamp"] = "2026-11-01T08:00:00Z",
                ["labels"] = labels,
            },
            ["spec"] = new JsonObject
            {
                ["instances"] = cluster.Instances,
                ["imageName"] = "ghcr.io/cloudnative-pg/postgresql:15",
                ["primaryUpdateStrategy"] = "unsupervised",
                ["storage"] = new JsonObject { ["size"] = "50Gi", ["storageClass"] = "gp3" },
                ["bootstrap"] = new JsonObject { ["initdb"] = new JsonObject { ["database"] = "app", ["owner"] = "app" } },
            },
            ["status"] = status,
        };
        AddBackup(json);
        return json;
    }

    private V1PodList PodList(string ns, string? labelSelector)
    {
        var wanted = (labelSelector ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(term => term.Split('=', 2))
            .Select(kv => (Key: kv[0], Value: kv.Length > 1 ? kv[1] : null))
            .ToList();
        var pods = ns != Namespace ? [] : Pods.Where(p => wanted.All(w => p.Labels.TryGetValue(w.Key, out var v) && (w.Value is null || v == w.Value)));
        return new V1PodList { ApiVersion = "v1", Kind = "PodList", Metadata = new V1ListMeta { ResourceVersion = "1" }, Items = [.. pods.Select(PodModel)] };
    }

    private V1Pod PodModel(StandInPod pod) => new()
    {
        ApiVersion = "v1",
        Kind = "Pod",
        Metadata = new V1ObjectMeta
        {
            Name = pod.Name,
            NamespaceProperty = Namespace,
            Uid = pod.Uid,
            Labels = new Dictionary<string, string>(pod.Labels),
            CreationTimestamp = pod.Created.UtcDateTime,
        },
        Spec = new V1PodSpec
        {
            Containers =
            [
                new V1Container
                {
                    Name = "postgres",
                    Image = "ghcr.io/cloudnative-pg/postgresql:15",
                    Ports =
                    [
                        new V1ContainerPort { Name = "postgresql", ContainerPort = pod.Port, Protocol = "TCP" },
                        new V1ContainerPort { Name = "metrics", ContainerPort = 9187, Protocol = "TCP" },
                        new V1ContainerPort { Name = "status", ContainerPort = 8000, Protocol = "TCP" },
                    ],
                },
            ],
            Volumes = [.. pod.Claims.Select(c => new V1Volume { Name = c.EndsWith("-wal", StringComparison.Ordinal) ? "pg-wal" : "pgdata", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = c } })],
        },
        Status = new V1PodStatus
        {
            Phase = pod.Phase,
            PodIP = pod.PodIp,
            Conditions = [new V1PodCondition { Type = "Ready", Status = pod.Ready ? "True" : "False" }],
        },
    };

    private V1Service ServiceModel(StandInService? service, string resource, string name) => service is null ? throw NotFound(resource, name) : new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta { Name = service.Name, NamespaceProperty = Namespace },
        Spec = new V1ServiceSpec
        {
            Type = "ClusterIP",
            ClusterIP = service.ClusterIp,
            Selector = service.Selector.Count == 0 ? null : new Dictionary<string, string>(service.Selector),
            Ports = [new V1ServicePort { Name = "postgres", Port = service.Port, TargetPort = 5432, Protocol = "TCP" }],
        },
    };

    private V1Secret SecretModel(string ns, string name) =>
        ns == Namespace && Secrets.TryGetValue(name, out var data)
            ? new V1Secret
            {
                ApiVersion = "v1",
                Kind = "Secret",
                Type = "kubernetes.io/basic-auth",
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
                Data = data.ToDictionary(kv => kv.Key, kv => Encoding.UTF8.GetBytes(kv.Value)),
            }
            : throw NotFound("secrets", name);

    private static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => (JsonNode)JsonValue.Create(v))];

    private static int Serial(string pod) => int.TryParse(pod.AsSpan(pod.LastIndexOf('-') + 1), out var n) ? n : 0;
}
