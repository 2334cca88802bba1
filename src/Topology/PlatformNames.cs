namespace Resilience.Topology;

/// <summary>
/// The names the Pulumi program gives each cell's database objects (infra/aws/auroraCell.ts, infra/kubernetes/cnpgCell.ts),
/// named once on the C# side for every program that finds them (the chaos suite's adapters, the gate controller).
/// </summary>
public static class PlatformNames
{
    /// <summary>The Aurora cluster of <paramref name="cell"/>: <c>&lt;stack&gt;-&lt;cell&gt;</c>.</summary>
    public static string AuroraCluster(StackSpec spec, CellSpec cell)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(cell);
        return $"{spec.StackName}-{cell.Name}";
    }

    /// <summary>The custom endpoint of the cluster's warm readers: <c>&lt;cluster&gt;-&lt;read endpoint name&gt;</c>.</summary>
    public static string AuroraReadEndpoint(StackSpec spec, CellSpec cell) => $"{AuroraCluster(spec, cell)}-{spec.Endpoints.ReadName}";

    /// <summary>The CloudNativePG Cluster of <paramref name="cell"/>: <c>pg-&lt;cell&gt;</c>.</summary>
    public static string CnpgCluster(CellSpec cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return $"pg-{cell.Name}";
    }

    /// <summary>The Service that selects the Cluster's warm replicas: <c>pg-&lt;cell&gt;-&lt;read endpoint name&gt;</c>.</summary>
    public static string CnpgReadService(StackSpec spec, CellSpec cell)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return $"{CnpgCluster(cell)}-{spec.Endpoints.ReadName}";
    }
}
