namespace Resilience.HealthProbes.GateController;

/// <summary>The control-plane half of one cluster's gate: who the readers are, and who the warm read endpoint routes to.</summary>
internal interface IGatePlatform
{
    /// <summary>The cluster this platform instance serves (the DB cluster identifier, the CloudNativePG Cluster's name).</summary>
    string Cluster { get; }

    /// <summary>How often the control plane may be read at most (RDS Describe* is rate limited; the API server is shared).</summary>
    TimeSpan MinimumReadInterval { get; }

    /// <summary>Reads the readers and the endpoint's members; throws <see cref="GatePlatformException"/> with one line.</summary>
    Task<PlatformView> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Makes <paramref name="members"/> (never empty) the endpoint's members; <paramref name="current"/> is the last read.</summary>
    Task SetMembersAsync(IReadOnlyList<string> members, PlatformView current, CancellationToken cancellationToken);

    /// <summary>Publishes the count of warm readers (HealthyWarmReplicas), where the platform's alarm reads it.</summary>
    Task PublishWarmCountAsync(int count, CancellationToken cancellationToken);
}

/// <summary>A control-plane call failed; the message is one line naming the call and what to do.</summary>
/// <param name="message">The line.</param>
/// <param name="throttled">The platform asked us to slow down: the next read waits longer.</param>
/// <param name="inner">The cause.</param>
internal sealed class GatePlatformException(string message, bool throttled = false, Exception? inner = null) : Exception(message, inner)
{
    public bool Throttled { get; } = throttled;
}
