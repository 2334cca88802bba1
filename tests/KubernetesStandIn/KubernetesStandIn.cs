using System.Collections.Concurrent;
using System.Net;
using System.Text;
using k8s;
using System.Text.Json.Nodes;

using Resilience.StandInShared;

namespace Resilience.KubernetesStandIn;

/// <summary>
/// A stateful stand-in for the few Kubernetes API server calls the CloudNativePG adapter makes (get/patch a
/// Cluster; list, delete pods; delete PersistentVolumeClaims; get Services and Secrets; create
/// SelfSubjectAccessReviews), and for Prometheus's <c>/api/v1/alerts</c>, on one loopback port. The real
/// KubernetesClient talks to it through a generated kubeconfig. It checks the bearer token, answers
/// 401/403/404 as the API server does (a <c>Status</c> object), honours <c>dryRun=All</c> on deletions,
/// and serves Kubernetes objects as KubernetesClient's generated models.
/// </summary>
public sealed partial class KubernetesStandIn : IAsyncDisposable
{
    private readonly LoopbackHttpServer _http;
    private readonly ConcurrentQueue<CapturedRequest> _requests = new();

    /// <summary>Starts serving on 127.0.0.1:<paramref name="port"/>.</summary>
    public KubernetesStandIn(int port, string @namespace = "databases")
    {
        Namespace = @namespace;
        _http = new LoopbackHttpServer(port, AnswerAsync);
    }

    /// <summary>The API server's (and Prometheus's) base URL.</summary>
    public Uri Url => _http.Url;

    /// <summary>The clock of timestamps it serves.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The one namespace that holds objects; any other is empty.</summary>
    public string Namespace { get; }

    /// <summary>The bearer token the kubeconfig carries; any other is answered 401.</summary>
    public string Token { get; } = "stand-in-" + Guid.NewGuid().ToString("N");

    /// <summary>The user the token authenticates, as 403 messages name it.</summary>
    public string User => "system:serviceaccount:databases:chaos-gameday";

    /// <summary>Guards every state change: handlers and tests take it.</summary>
    public object Gate { get; } = new();

    public StandInCluster? Cluster { get; set; }

    public List<StandInPod> Pods { get; } = [];

    public List<StandInService> Services { get; } = [];

    public Dictionary<string, Dictionary<string, string>> Secrets { get; } = new(StringComparer.Ordinal);

    /// <summary>The PersistentVolumeClaims that exist.</summary>
    public List<string> Claims { get; } = [];

    /// <summary>The PersistentVolumeClaims deleted for real, in order.</summary>
    public List<string> DeletedClaims { get; } = [];

    /// <summary>The pods deleted for real, in order.</summary>
    public List<string> DeletedPods { get; } = [];

    public List<StandInAlert> Alerts { get; } = [];

    /// <summary>Every pod patch applied (the pod and the body), in order.</summary>
    public List<(string Pod, string Body)> PodPatches { get; } = [];

    /// <summary>The pods a Service's selector selects now (take <see cref="Gate"/>).</summary>
    public IReadOnlyList<string> SelectedBy(string service) =>
        Services.Single(s => s.Name == service) is var chosen
            ? [.. Pods.Where(p => chosen.Selector.All(kv => p.Labels.TryGetValue(kv.Key, out var v) && v == kv.Value)).Select(p => p.Name).Order(StringComparer.Ordinal)]
            : [];

    /// <summary>(verb, resource) pairs RBAC denies: answered 403, and SelfSubjectAccessReviews say not allowed.</summary>
    public HashSet<(string Verb, string Resource)> Denied { get; } = [];

    /// <summary>
    /// Resources RBAC grants only by name (a Role rule with <c>resourceNames</c>): a request, or a review, for any other
    /// name or for no name is denied.
    /// </summary>
    public Dictionary<string, HashSet<string>> GrantedByName { get; } = new(StringComparer.Ordinal);

    /// <summary>When true, Prometheus's endpoint answers 503 (a Prometheus that is down behind its Service).</summary>
    public bool PrometheusDown { get; set; }

    /// <summary>Called (outside the lock, not awaited by the request) after a pod was deleted for real: the operator's part.</summary>
    public Func<StandInPod, Task>? OnPodDeleted { get; set; }

    /// <summary>Called (outside the lock, not awaited by the request) after status.targetPrimary was patched to an instance: the operator's switchover.</summary>
    public Func<string, Task>? OnPromote { get; set; }

    /// <summary>Called (inside the lock) after every read of the Cluster: a test plays a concurrent writer (the operator) with it.</summary>
    public Action? OnClusterRead { get; set; }

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<CapturedRequest> Requests => [.. _requests];

    /// <summary>Forgets the captured requests.</summary>
    public void ClearRequests() => _requests.Clear();

    /// <summary>Writes a kubeconfig (mode 0600) whose context <paramref name="context"/> points at this stand-in with its token.</summary>
    public string WriteKubeconfig(string directory, string context = "stand-in")
    {
        var path = Path.Combine(directory, "kubeconfig");
        var text = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {context}
              cluster:
                server: {Url.ToString().TrimEnd('/')}
            users:
            - name: chaos-gameday
              user:
                token: {Token}
            contexts:
            - name: {context}
              context:
                cluster: {context}
                user: chaos-gameday
                namespace: {Namespace}
            current-context: {context}
            """;
        File.WriteAllText(path, "");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(path, text);
        return path;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _http.DisposeAsync().ConfigureAwait(false);
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var body = await LoopbackHttpServer.ReadBodyAsync(request).ConfigureAwait(false);

        var path = request.Url!.AbsolutePath;
        _requests.Enqueue(new CapturedRequest(request.HttpMethod, path, request.Url.Query.TrimStart('?'), body, request.ContentType));
        Reply reply;
        Func<Task>? after = null;
        try
        {
            if (path == "/api/v1/alerts")
            {
                reply = PrometheusAlerts();
            }
            else if (request.Headers["Authorization"] != $"Bearer {Token}")
            {
                reply = Status(HttpStatusCode.Unauthorized, "Unauthorized", "Unauthorized");
            }
            else
            {
                (reply, after) = Dispatch(request.HttpMethod, path, request.QueryString, body);
            }
        }
        catch (StandInStatus status)
        {
            reply = Status(status.Code, status.Reason, status.Message);
        }
#pragma warning disable CA1031 // A stand-in bug must answer 500, not leave the client waiting.
        catch (Exception e)
#pragma warning restore CA1031
        {
            reply = Status(HttpStatusCode.InternalServerError, "InternalError", $"stand-in: {e.GetType().Name}: {e.Message}");
        }

        await LoopbackHttpServer.ReplyAsync(context.Response, (int)reply.Code, "application/json", reply.Body).ConfigureAwait(false);
        if (after is not null)
        {
            _ = Task.Run(after);
        }
    }

    private static Reply Ok(object value) => new(HttpStatusCode.OK, KubernetesJson.Serialize(value));

    // The API server's error body: a Status object (KubernetesClient's V1Status model reads it but cannot write it).
    private static Reply Status(HttpStatusCode code, string reason, string message) => new(code, new JsonObject
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = reason,
        ["code"] = (int)code,
    }.ToJsonString());

    private sealed record Reply(HttpStatusCode Code, string Body);

    /// <summary>An API server error a handler answers with.</summary>
    private sealed class StandInStatus(HttpStatusCode code, string reason, string message) : Exception(message)
    {
        public HttpStatusCode Code { get; } = code;

        public string Reason { get; } = reason;
    }
}
