using Resilience.Topology;

namespace Resilience.ChaosSuite.Platform.Kubernetes;

/// <summary>
/// The names and labels the Pulumi program gives a cell's CloudNativePG objects (infra/kubernetes/cnpgCell.ts,
/// cnpgCluster.ts, constants.ts), named once on the C# side: the adapter finds every object by these.
/// </summary>
internal sealed record CnpgNames(string Namespace, string Cluster, string WriteService, string ReadService, string FallbackReadService, string AppSecret, string Cell)
{
    /// <summary>CloudNativePG's API group and version of the <c>Cluster</c> resource (operator 1.30).</summary>
    public const string Group = "postgresql.cnpg.io";

    public const string Version = "v1";

    public const string ClusterPlural = "clusters";

    /// <summary>The label CloudNativePG puts on every pod of a cluster.</summary>
    public const string ClusterLabel = "cnpg.io/cluster";

    /// <summary>CloudNativePG marks instance pods (not its join and initdb jobs) with this label and value.</summary>
    public const string PodRoleLabel = "cnpg.io/podRole";

    public const string InstancePodRole = "instance";

    /// <summary>The label HealthProbes sets on a replica pod whose warm-up gate is open (infra/kubernetes/constants.ts WARM_LABEL).</summary>
    public const string WarmLabel = "resilience.dev/warm";

    /// <summary>The label the program sets on a cell's Cluster.</summary>
    public const string CellLabel = "resilience.dev/cell";

    /// <summary>The namespace when the stack file has no <c>resilience:kubernetes.namespace</c> (the spec's default).</summary>
    public const string DefaultNamespace = "databases";

    /// <summary>The names of <paramref name="cell"/>'s objects in <paramref name="namespaceOverride"/> or the stack's namespace.</summary>
    public static CnpgNames Of(StackSpec spec, CellSpec cell, string? namespaceOverride)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(cell);
        var cluster = PlatformNames.CnpgCluster(cell);
        return new CnpgNames(
            namespaceOverride ?? spec.Kubernetes?.Namespace ?? DefaultNamespace,
            cluster,
            $"{cluster}-rw",
            PlatformNames.CnpgReadService(spec, cell),
            $"{cluster}-ro",
            $"{cluster}-app",
            cell.Name);
    }

    /// <summary>The label selector of the cluster's instance pods.</summary>
    public string PodSelector => $"{ClusterLabel}={Cluster},{PodRoleLabel}={InstancePodRole}";
}
