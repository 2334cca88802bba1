namespace Resilience.HealthProbes.GateController;

/// <summary>A reader as the platform's control plane reports it (an Aurora reader instance, a CloudNativePG replica pod).</summary>
/// <param name="Id">Its name on the platform: the DB instance identifier, the pod's name.</param>
/// <param name="Host">The address the controller reaches its PostgreSQL at (instance endpoint, pod IP); null while it has none.</param>
/// <param name="Port">The PostgreSQL port.</param>
/// <param name="Available">The platform reports it running (<c>available</c>; a pod that is Running).</param>
/// <param name="Status">The platform's own word for its state, for the reason text.</param>
/// <param name="Incarnation">What changes only when the reader is replaced under the same name (DbiResourceId, pod UID).</param>
/// <param name="Group">The replica group whose warm-up policy applies.</param>
internal sealed record ReaderCandidate(string Id, string? Host, int Port, bool Available, string Status, string? Incarnation, string Group);

/// <summary>What the control plane reported in one read: the readers and the read endpoint's current members.</summary>
/// <param name="Readers">Every reader of the cluster (never the writer).</param>
/// <param name="Members">The readers the warm read endpoint routes to now.</param>
/// <param name="Settled">False when the platform holds state the members alone do not show (a pod not yet labelled either way): set the members even if unchanged.</param>
internal sealed record PlatformView(IReadOnlyList<ReaderCandidate> Readers, IReadOnlyList<string> Members, bool Settled = true);

/// <summary>What one SQL observation of a reader found.</summary>
/// <param name="Answered">The reader answered within the probe timeout.</param>
/// <param name="Problem">Why not, in one line.</param>
/// <param name="InRecovery">It runs as a replica.</param>
/// <param name="Streaming">It receives changes from the writer (a streaming WAL receiver; Aurora: a replica status row).</param>
/// <param name="LagSeconds">Its replay lag; null when unknown.</param>
/// <param name="PostmasterStart">pg_postmaster_start_time(): a new value means it restarted, and its caches are cold.</param>
internal sealed record ReaderObservation(bool Answered, string? Problem, bool InRecovery, bool Streaming, double? LagSeconds, string? PostmasterStart)
{
    public static ReaderObservation NoAnswer(string problem) => new(false, problem, false, false, null, null);
}
