using System.Collections.Specialized;
using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Resilience.KubernetesStandIn;

/// <summary>The routes: the API server's paths for the few resources the adapter uses.</summary>
public sealed partial class KubernetesStandIn
{
    private const string CnpgGroup = "postgresql.cnpg.io";

    private (Reply, Func<Task>?) Dispatch(string method, string path, NameValueCollection query, string body)
    {
        var parts = path.Trim('/').Split('/');
        if (method == "POST" && path == "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")
        {
            return (AccessReview(body), null);
        }

        // /api/v1/namespaces/{ns}/{resource}[/{name}] and /apis/postgresql.cnpg.io/v1/namespaces/{ns}/clusters/{name}
        var core = parts is ["api", "v1", "namespaces", _, _, ..];
        var cnpg = parts is ["apis", CnpgGroup, "v1", "namespaces", _, "clusters", _] or ["apis", CnpgGroup, "v1", "namespaces", _, "clusters"] or ["apis", CnpgGroup, "v1", "namespaces", _, "clusters", _, "status"];
        if (!core && !cnpg)
        {
            throw new StandInStatus(HttpStatusCode.NotFound, "NotFound", $"the server could not find the requested resource ({method} {path})");
        }

        var offset = core ? 3 : 4;
        var ns = parts[offset];
        // A subresource (clusters/{name}/status) is authorized as its own resource, "clusters/status".
        var resource = parts.Length > offset + 3 ? $"{parts[offset + 1]}/{parts[offset + 3]}" : parts[offset + 1];
        var name = parts.Length > offset + 2 ? parts[offset + 2] : null;
        var verb = method switch
        {
            "GET" => name is null ? "list" : "get",
            "DELETE" => "delete",
            "PATCH" => "patch",
            "POST" when cnpg && name is null => "create",
            _ => throw new StandInStatus(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", $"{method} is not supported on {resource}"),
        };
        lock (Gate)
        {
            if (!Allowed(verb, resource, name))
            {
                var group = cnpg ? CnpgGroup : "";
                var subject = name is null ? resource : $"{resource} \"{name}\"";
                throw new StandInStatus(HttpStatusCode.Forbidden, "Forbidden",
                    $"{subject}{(cnpg ? "." + CnpgGroup : "")} is forbidden: User \"{User}\" cannot {verb} resource \"{resource}\" in API group \"{group}\" in the namespace \"{ns}\"");
            }

            var dryRun = query["dryRun"] == "All";
            return (resource, verb) switch
            {
                ("clusters", "get") when CreatedClusters.ContainsKey(name!) => (Ok(CreatedClusterJson(ns, name!)), null),
                ("clusters", "get") => (Ok(ReadCluster(ns, name!)), null),
                ("clusters", "create") => CreateCluster(ns, body),
                ("clusters", "delete") => DeleteCreatedCluster(ns, name!),
                ("clusters", "patch") => (PatchCluster(ns, name!, body), null),
                ("clusters/status", "patch") => PatchClusterStatus(ns, name!, body),
                ("pods", "list") => (Ok(PodList(ns, query["labelSelector"])), null),
                ("pods", "delete") => DeletePod(ns, name!, dryRun),
                ("pods", "patch") => (PatchPodLabels(ns, name!, body), null),
                ("persistentvolumeclaims", "delete") => (DeleteClaim(ns, name!, dryRun), null),
                ("services", "get") => (Ok(ServiceModel(ns == Namespace ? Services.FirstOrDefault(s => s.Name == name) : null, "services", name!)), null),
                ("secrets", "get") => (Ok(SecretModel(ns, name!)), null),
                _ => throw new StandInStatus(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", $"{verb} {resource} is not served by the stand-in"),
            };
        }
    }

    private Reply AccessReview(string body)
    {
        var review = KubernetesJson.Deserialize<V1SelfSubjectAccessReview>(body);
        var attributes = review.Spec?.ResourceAttributes
            ?? throw new StandInStatus(HttpStatusCode.UnprocessableEntity, "Invalid", "spec.resourceAttributes: Required value");
        bool allowed;
        lock (Gate)
        {
            var resource = string.IsNullOrEmpty(attributes.Subresource) ? attributes.Resource : $"{attributes.Resource}/{attributes.Subresource}";
            allowed = attributes.NamespaceProperty == Namespace && Allowed(attributes.Verb, resource, attributes.Name);
        }

        review.ApiVersion = "authorization.k8s.io/v1";
        review.Kind = "SelfSubjectAccessReview";
        review.Status = new V1SubjectAccessReviewStatus { Allowed = allowed, Reason = allowed ? "RBAC: allowed by RoleBinding chaos-gameday" : "" };
        return new Reply(HttpStatusCode.Created, KubernetesJson.Serialize(review));
    }

    // RBAC as a Role evaluates it: a denied verb, or a rule granting the resource only by name.
    private bool Allowed(string verb, string resource, string? name) =>
        !Denied.Contains((verb, resource))
        && (!GrantedByName.TryGetValue(resource, out var names) || (name is not null && names.Contains(name)));

    private JsonObject ReadCluster(string ns, string name)
    {
        var json = ClusterIn(ns, name);
        OnClusterRead?.Invoke();
        return json;
    }

    private JsonObject ClusterIn(string ns, string name) =>
        ns == Namespace && Cluster is { } cluster && cluster.Name == name
            ? ClusterJson(cluster)
            : throw NotFound($"clusters.{CnpgGroup}", name);

    private Reply PatchCluster(string ns, string name, string body)
    {
        var cluster = ns == Namespace && Cluster?.Name == name ? Cluster : throw NotFound($"clusters.{CnpgGroup}", name);
        // A JSON merge patch; the adapter only ever sets spec.instances.
        if (JsonNode.Parse(body)?["spec"]?["instances"] is not JsonValue instances || !instances.TryGetValue<int>(out var count) || count < 1)
        {
            throw new StandInStatus(HttpStatusCode.UnprocessableEntity, "Invalid", $"Cluster.{CnpgGroup} \"{name}\" is invalid: the stand-in accepts a merge patch of spec.instances only, got {body}");
        }

        cluster.Instances = count;
        cluster.ResourceVersion++;
        return new Reply(HttpStatusCode.OK, ClusterJson(cluster).ToJsonString());
    }

    // A JSON merge patch of the status subresource, as `kubectl cnpg promote` sends it (locked on metadata.resourceVersion
    // when given: a stale one is a 409 Conflict, as the API server answers). The operator's part runs after the answer.
    private (Reply, Func<Task>?) PatchClusterStatus(string ns, string name, string body)
    {
        var cluster = ns == Namespace && Cluster?.Name == name ? Cluster : throw NotFound($"clusters.{CnpgGroup}", name);
        var patch = JsonNode.Parse(body)?.AsObject() ?? throw new StandInStatus(HttpStatusCode.BadRequest, "BadRequest", "the patch is not a JSON object");
        if (patch["metadata"]?["resourceVersion"] is JsonValue version && version.GetValue<string>() != cluster.ResourceVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            throw new StandInStatus(HttpStatusCode.Conflict, "Conflict",
                $"Operation cannot be fulfilled on clusters.{CnpgGroup} \"{name}\": the object has been modified; please apply your changes to the latest version and try again");
        }

        if (patch.Any(p => p.Key is not ("metadata" or "status")) || patch["status"] is not JsonObject status)
        {
            throw new StandInStatus(HttpStatusCode.UnprocessableEntity, "Invalid", $"Cluster.{CnpgGroup} \"{name}\" is invalid: the stand-in accepts a status merge patch only, got {body}");
        }

        string? promoted = null;
        foreach (var (key, value) in status)
        {
            switch (key)
            {
                case "targetPrimary":
                    promoted = cluster.TargetPrimary = value!.GetValue<string>();
                    break;
                case "targetPrimaryTimestamp":
                    cluster.TargetPrimaryTimestamp = value!.GetValue<string>();
                    break;
                case "phase":
                    cluster.Phase = value!.GetValue<string>();
                    break;
                case "phaseReason":
                    cluster.PhaseReason = value!.GetValue<string>();
                    break;
                case "conditions":
                    cluster.Conditions = value!.AsArray().DeepClone().AsArray();
                    break;
                default:
                    throw new StandInStatus(HttpStatusCode.UnprocessableEntity, "Invalid", $"the stand-in does not patch status.{key}");
            }
        }

        cluster.ResourceVersion++;
        var operatorPart = OnPromote;
        return (new Reply(HttpStatusCode.OK, ClusterJson(cluster).ToJsonString()), promoted is null || operatorPart is null ? null : () => operatorPart(promoted));
    }

    // A JSON merge patch of metadata.labels (what the warm-up gate sends): a string sets a label, null removes it.
    private Reply PatchPodLabels(string ns, string name, string body)
    {
        var pod = (ns == Namespace ? Pods.FirstOrDefault(p => p.Name == name) : null) ?? throw NotFound("pods", name);
        var patch = JsonNode.Parse(body) as JsonObject;
        if (patch is null || patch.Count != 1 || patch["metadata"] is not JsonObject { Count: 1 } metadata || metadata["labels"] is not JsonObject labels)
        {
            throw new StandInStatus(HttpStatusCode.UnprocessableEntity, "Invalid", $"Pod \"{name}\" is invalid: the stand-in accepts a merge patch of metadata.labels only, got {body}");
        }

        foreach (var (key, value) in labels)
        {
            if (value is null)
            {
                pod.Labels.Remove(key);
            }
            else
            {
                pod.Labels[key] = value.GetValue<string>();
            }
        }

        PodPatches.Add((name, body));
        return Ok(PodModel(pod));
    }

    private (Reply, Func<Task>?) DeletePod(string ns, string name, bool dryRun)
    {
        var pod = ns == Namespace ? Pods.FirstOrDefault(p => p.Name == name) : null;
        if (pod is null)
        {
            throw NotFound("pods", name);
        }

        var model = PodModel(pod);
        if (dryRun)
        {
            return (Ok(model), null);
        }

        // Grace period 0: the pod is gone at once, and claims it held that were deleted go with it (pvc-protection).
        Pods.Remove(pod);
        DeletedPods.Add(pod.Name);
        Claims.RemoveAll(c => DeletedClaims.Contains(c) && !Pods.Any(p => p.Claims.Contains(c)));
        var operatorPart = OnPodDeleted;
        return (Ok(model), operatorPart is null ? null : () => operatorPart(pod));
    }

    private Reply DeleteClaim(string ns, string name, bool dryRun)
    {
        if (ns != Namespace || !Claims.Contains(name))
        {
            throw NotFound("persistentvolumeclaims", name);
        }

        var inUse = Pods.Any(p => p.Claims.Contains(name));
        if (!dryRun)
        {
            DeletedClaims.Add(name);
            if (!inUse)
            {
                Claims.Remove(name);
            }
        }

        return Ok(new V1PersistentVolumeClaim
        {
            ApiVersion = "v1",
            Kind = "PersistentVolumeClaim",
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = ns,
                Finalizers = inUse ? ["kubernetes.io/pvc-protection"] : null,
                DeletionTimestamp = inUse && !dryRun ? Time.GetUtcNow().UtcDateTime : null,
            },
            Spec = new V1PersistentVolumeClaimSpec { AccessModes = ["ReadWriteOnce"], Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new("50Gi") } } },
        });
    }

    private Reply PrometheusAlerts()
    {
        JsonArray alerts;
        lock (Gate)
        {
            if (PrometheusDown)
            {
                return new Reply(HttpStatusCode.ServiceUnavailable, "Service Unavailable");
            }

            alerts = [.. Alerts.Select(a => (JsonNode)new JsonObject
            {
                ["labels"] = new JsonObject { ["alertname"] = a.Name, ["cluster"] = a.Cluster, ["severity"] = "page" },
                ["annotations"] = new JsonObject { ["summary"] = $"{a.Cluster}: {a.Name}" },
                ["state"] = a.State,
                ["activeAt"] = "2026-11-30T10:00:00Z",
                ["value"] = "9.1e+01",
            })];
        }

        return new Reply(HttpStatusCode.OK, new JsonObject { ["status"] = "success", ["data"] = new JsonObject { ["alerts"] = alerts } }.ToJsonString());
    }

    private static StandInStatus NotFound(string resource, string name) =>
        new(HttpStatusCode.NotFound, "NotFound", $"{resource} \"{name}\" not found");
}
