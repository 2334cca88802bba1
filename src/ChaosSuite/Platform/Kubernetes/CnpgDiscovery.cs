using k8s.Models;
using Resilience.Topology;

namespace Resilience.ChaosSuite.Platform.Kubernetes;

/// <summary>
/// Finds a cell's Cluster, its Services and Secret by the names the Pulumi program gives them (<see cref="CnpgNames"/>),
/// checks that the runner may do what a game-day does (before anything is injected), and that Prometheus answers.
/// Every failure is one line saying what is missing and what to do.
/// </summary>
internal static class CnpgDiscovery
{
    /// <summary>
    /// What a game-day does on the API server, checked up front: (verb, resource, API group, object name or null for
    /// any). Named where the adapter only ever touches one object, so a Role that grants it by <c>resourceNames</c>
    /// (the program's grants the app Secret that way) passes.
    /// </summary>
    public static IReadOnlyList<(string Verb, string Resource, string Group, string? Name)> RequiredAccess(CnpgNames names) =>
    [
        ("get", "clusters", CnpgNames.Group, names.Cluster),
        ("patch", "clusters", CnpgNames.Group, names.Cluster),
        ("patch", "clusters/status", CnpgNames.Group, names.Cluster),
        ("list", "pods", "", null),
        ("delete", "pods", "", null),
        ("delete", "persistentvolumeclaims", "", null),
        ("get", "services", "", names.WriteService),
        ("get", "services", "", names.ReadService),
        ("get", "services", "", names.FallbackReadService),
        ("get", "secrets", "", names.AppSecret),
    ];

    public static async Task<CnpgCell> FindAsync(StackSpec spec, CnpgApi api, PrometheusAlerts? prometheus, CancellationToken cancellationToken)
    {
        var names = api.Names;
        var cluster = await api.GetClusterAsync(cancellationToken);
        if (cluster.Labels.TryGetValue(CnpgNames.CellLabel, out var cell) && cell != names.Cell)
        {
            throw new PlatformException($"Cluster {names.Cluster} in namespace {names.Namespace} belongs to cell {cell} ({CnpgNames.CellLabel}), not {names.Cell} of stack {spec.StackName}; refusing to touch it");
        }

        var write = Endpoint(await api.GetServiceAsync(names.WriteService, cancellationToken), names);
        var readService = await api.GetServiceAsync(names.ReadService, cancellationToken);
        await api.GetServiceAsync(names.FallbackReadService, cancellationToken);
        var selector = readService.Spec?.Selector is { Count: > 0 } s
            ? new Dictionary<string, string>(s, StringComparer.Ordinal)
            : throw new PlatformException($"Service {names.ReadService} in namespace {names.Namespace} has no selector; the program selects warm replicas with {CnpgNames.WarmLabel}=true; run `pulumi up` for stack {spec.StackName}");

        var denied = new List<string>();
        foreach (var (verb, resource, group, name) in RequiredAccess(names))
        {
            if (!await api.MayAsync(verb, resource, group, name, cancellationToken))
            {
                denied.Add($"{verb} {(group.Length == 0 ? resource : $"{resource}.{group}")}{(name is null ? "" : $" {name}")}");
            }
        }

        if (denied.Count > 0)
        {
            throw new PlatformException($"RBAC: the runner may not {string.Join(", ", denied)} in namespace {names.Namespace} ({api.Where}); grant it the Role in docs/gameday-kubernetes.md");
        }

        if (prometheus is not null)
        {
            await prometheus.FiringAsync(names.Cluster, cancellationToken);
        }

        return new CnpgCell(names, write, Endpoint(readService, names), selector);
    }

    // In the cluster a Service is reached at its cluster IP (a headless one by its DNS name) on its postgres port.
    internal static DatabaseEndpoint Endpoint(V1Service service, CnpgNames names)
    {
        var ports = service.Spec?.Ports ?? [];
        var port = ports.FirstOrDefault(p => p.Name == "postgres") ?? ports.FirstOrDefault()
            ?? throw new PlatformException($"Service {service.Metadata.Name} in namespace {names.Namespace} has no port");
        var ip = service.Spec?.ClusterIP;
        var host = string.IsNullOrEmpty(ip) || ip == "None" ? $"{service.Metadata.Name}.{names.Namespace}.svc.cluster.local" : ip;
        return new DatabaseEndpoint(host, port.Port);
    }
}
