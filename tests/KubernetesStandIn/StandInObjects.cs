namespace Resilience.KubernetesStandIn;

/// <summary>A CloudNativePG Cluster held by the stand-in; tests (or a projection of real members) change its fields to play the operator.</summary>
public sealed class StandInCluster
{
    public required string Name { get; init; }
    public string Uid { get; } = Guid.NewGuid().ToString();
    public Dictionary<string, string> Labels { get; } = new(StringComparer.Ordinal);
    public int Instances { get; set; } = 3;
    public string Phase { get; set; } = "Cluster in healthy state";
    public string? CurrentPrimary { get; set; }
    public string? TargetPrimary { get; set; }
    public string? TargetPrimaryTimestamp { get; set; }
    public string? PhaseReason { get; set; }

    /// <summary>metadata.resourceVersion: rises on every change made through the API.</summary>
    public long ResourceVersion { get; set; } = 1;

    /// <summary>status.conditions as the operator writes them (Ready true while healthy).</summary>
    public System.Text.Json.Nodes.JsonArray Conditions { get; set; } =
    [
        new System.Text.Json.Nodes.JsonObject { ["type"] = "Ready", ["status"] = "True", ["reason"] = "ClusterIsReady", ["message"] = "Cluster is Ready", ["lastTransitionTime"] = "2026-11-01T08:05:00Z" },
    ];
    public int ReadyInstances { get; set; }
    public long TimelineId { get; set; } = 1;
    public List<string> FailedInstances { get; } = [];
}

/// <summary>An instance pod of the stand-in's Cluster.</summary>
public sealed class StandInPod
{
    public required string Name { get; init; }
    public string Uid { get; init; } = Guid.NewGuid().ToString();
    public Dictionary<string, string> Labels { get; } = new(StringComparer.Ordinal);
    public bool Ready { get; set; } = true;
    public string Phase { get; set; } = "Running";
    public string PodIp { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 5432;
    public DateTimeOffset Created { get; init; } = DateTimeOffset.UnixEpoch;
    public List<string> Claims { get; } = [];
}

/// <summary>A ClusterIP Service.</summary>
public sealed class StandInService
{
    public required string Name { get; init; }
    public string ClusterIp { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 5432;
    public Dictionary<string, string> Selector { get; } = new(StringComparer.Ordinal);
}

/// <summary>An alert as Prometheus's /api/v1/alerts lists it.</summary>
/// <param name="Name">The alertname label (the spec's alarm name).</param>
/// <param name="Cluster">The cluster label the program's PrometheusRule sets.</param>
/// <param name="State">pending or firing.</param>
public sealed record StandInAlert(string Name, string Cluster, string State);

/// <summary>A request as the stand-in received it.</summary>
public sealed record CapturedRequest(string Method, string Path, string Query, string Body, string? ContentType);
