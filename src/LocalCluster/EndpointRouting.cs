namespace Resilience.LocalCluster;

/// <summary>Which members the endpoints route new connections to, as HAProxy reports it.</summary>
/// <param name="Write">Members UP in the write backend (one, or none during a failover).</param>
/// <param name="Read">Members UP in the read backend.</param>
/// <param name="ObservedAt">When HAProxy was asked.</param>
public sealed record EndpointRouting(IReadOnlyList<string> Write, IReadOnlyList<string> Read, DateTimeOffset ObservedAt);
