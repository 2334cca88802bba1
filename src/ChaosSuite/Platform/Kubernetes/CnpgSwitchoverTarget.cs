namespace Resilience.ChaosSuite.Platform.Kubernetes;

/// <summary>
/// Where a planned switchover on CloudNativePG goes: the requested replica when it is ready and warm (its gate open:
/// the warm label), or, when the request names the primary, the first such replica in serial order.
/// </summary>
internal static class CnpgSwitchoverTarget
{
    /// <exception cref="PlatformException">No replica may take over, or the requested one is not ready and warm.</exception>
    public static string Choose(CnpgControlPlaneRead read, string requested)
    {
        ArgumentNullException.ThrowIfNull(read);
        var primary = read.Cluster.CurrentPrimary
            ?? throw new PlatformException($"Cluster {read.Cluster.Name} reports no current primary; a switchover needs one to hand over");
        static bool Warm(CnpgInstance i) => i.Labels.TryGetValue(CnpgNames.WarmLabel, out var warm) && warm == "true";
        bool Eligible(CnpgInstance i) => i.Name != primary && i.Ready && !i.Deleting && Warm(i) && !read.Cluster.FailedInstances.Contains(i.Name);
        if (requested != primary)
        {
            var named = read.Instances.FirstOrDefault(i => i.Name == requested)
                ?? throw new PlatformException($"pod {requested} is not an instance of Cluster {read.Cluster.Name}");
            return Eligible(named) ? named.Name
                : throw new PlatformException($"replica {requested} cannot take over without risk: only a ready replica with its warm-up gate open ({CnpgNames.WarmLabel}=true) may ({(named.Ready ? "not warm" : "not ready")}); name the primary to let the platform choose");
        }

        return read.Instances.Where(Eligible).OrderBy(i => i.Serial).FirstOrDefault()?.Name
            ?? throw new PlatformException($"Cluster {read.Cluster.Name} has no ready, warm replica to switch over to; wait until one is");
    }
}
