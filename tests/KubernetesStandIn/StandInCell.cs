namespace Resilience.KubernetesStandIn;

/// <summary>
/// Fills a stand-in with what the Pulumi program and the operator create for one cell (infra/kubernetes/cnpgCell.ts,
/// cnpgCluster.ts): Cluster <c>pg-&lt;cell&gt;</c> labelled with its cell, instance pods <c>pg-&lt;cell&gt;-1..n</c>
/// (the first primary) with their claims, the <c>-rw</c>, <c>-ro</c> and warm-readers Services with the program's
/// selectors, and the application Secret.
/// </summary>
public static class StandInCell
{
    public const string WarmLabel = "resilience.dev/warm";

    /// <summary>Adds the cell; every pod is ready, warm, at 10.0.0.&lt;serial&gt;:5432 unless the caller changes it.</summary>
    public static StandInCluster Add(KubernetesStandIn standIn, string cell = "default", string readService = "warm-readers", int instances = 3, string user = "app", string password = "not-a-real-password")
    {
        ArgumentNullException.ThrowIfNull(standIn);
        var name = $"pg-{cell}";
        var cluster = new StandInCluster { Name = name, Instances = instances, CurrentPrimary = $"{name}-1", ReadyInstances = instances };
        cluster.Labels["resilience.dev/cell"] = cell;
        lock (standIn.Gate)
        {
            standIn.Cluster = cluster;
            for (var serial = 1; serial <= instances; serial++)
            {
                standIn.Pods.Add(Pod(name, serial, serial == 1 ? "primary" : "replica", $"10.0.0.{serial}", 5432));
                standIn.Claims.Add($"{name}-{serial}");
            }

            standIn.Services.Add(Service($"{name}-rw", name, "primary"));
            standIn.Services.Add(Service($"{name}-ro", name, "replica"));
            var warm = Service($"{name}-{readService}", name, "replica");
            warm.Selector[WarmLabel] = "true";
            standIn.Services.Add(warm);
            standIn.Secrets[$"{name}-app"] = new Dictionary<string, string>
            {
                ["username"] = user,
                ["password"] = password,
                ["dbname"] = "app",
                ["host"] = $"{name}-rw",
                ["port"] = "5432",
            };
        }

        return cluster;
    }

    /// <summary>An instance pod as CloudNativePG labels it; a replica carries the warm label (its gate is open).</summary>
    public static StandInPod Pod(string cluster, int serial, string role, string ip, int port)
    {
        var pod = new StandInPod { Name = $"{cluster}-{serial}", PodIp = ip, Port = port, Created = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero) };
        pod.Labels["cnpg.io/cluster"] = cluster;
        pod.Labels["cnpg.io/instanceName"] = pod.Name;
        pod.Labels["cnpg.io/podRole"] = "instance";
        pod.Labels["cnpg.io/instanceRole"] = role;
        pod.Labels["role"] = role;
        if (role == "replica")
        {
            pod.Labels[WarmLabel] = "true";
        }

        pod.Claims.Add(pod.Name);
        return pod;
    }

    private static StandInService Service(string name, string cluster, string role)
    {
        var service = new StandInService { Name = name };
        service.Selector["cnpg.io/cluster"] = cluster;
        service.Selector["cnpg.io/instanceRole"] = role;
        return service;
    }
}
