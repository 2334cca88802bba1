namespace Resilience.ChaosSuite.Platform.Kubernetes;

/// <summary>One slow read of a cell: the Cluster, its instance pods, and the alerts Prometheus reports firing for it.</summary>
internal sealed record CnpgControlPlaneRead(CnpgClusterState Cluster, IReadOnlyList<CnpgInstance> Instances, IReadOnlyList<string> FiringAlerts)
{
    /// <summary>
    /// Why a fault may not be injected now (the double-fault guard's Kubernetes half), one line, or null:
    /// the Cluster must be in its healthy phase with every desired instance ready. Instances in
    /// <paramref name="alreadyLost"/> (this run's own earlier fault of a double fault) are not held against it, nor the phase they cause.
    /// </summary>
    public string? Unsettled(IReadOnlySet<string> alreadyLost)
    {
        ArgumentNullException.ThrowIfNull(alreadyLost);
        if (alreadyLost.Count == 0)
        {
            if (Cluster.Phase != CnpgClusterState.HealthyPhase)
            {
                return $"Cluster {Cluster.Name} is in phase '{Cluster.Phase ?? "(none)"}', not '{CnpgClusterState.HealthyPhase}'";
            }

            if (Cluster.ReadyInstances < Cluster.Instances)
            {
                return $"Cluster {Cluster.Name} has {Cluster.ReadyInstances} of {Cluster.Instances} instances ready";
            }
        }

        if (Cluster.FailedInstances.FirstOrDefault(f => !alreadyLost.Contains(f)) is { } failed)
        {
            return $"instance {failed} of Cluster {Cluster.Name} is failed";
        }

        var others = Instances.Where(i => !alreadyLost.Contains(i.Name)).ToList();
        if (others.FirstOrDefault(i => i.Deleting) is { } deleting)
        {
            return $"pod {deleting.Name} is being deleted";
        }

        return others.FirstOrDefault(i => !i.Ready) is { } notReady
            ? $"pod {notReady.Name} is not ready (phase {notReady.Phase ?? "unknown"})"
            : null;
    }
}
