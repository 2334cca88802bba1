using Resilience.Topology;

namespace Resilience.HealthProbes.GateController;

/// <summary>The SQL half of the gate: observes a reader and warms it, over its own address.</summary>
internal interface IReaderDatabase : IAsyncDisposable
{
    /// <summary>One bounded observation; never throws for a reader that does not answer (see <see cref="ReaderObservation.Answered"/>).</summary>
    Task<ReaderObservation> ObserveAsync(ReaderCandidate reader, CancellationToken cancellationToken);

    /// <summary>
    /// Warms the reader's caches as <paramref name="policy"/> says and returns how (pg_prewarm, or reading the tables where
    /// it is not installed), which <paramref name="planned"/> is also told before the reading starts; throws with a one-line
    /// message when it cannot.
    /// </summary>
    Task<string> WarmUpAsync(ReaderCandidate reader, WarmupPolicy policy, Action<string> planned, CancellationToken cancellationToken);

    /// <summary>Drops what is held for a reader that left the cluster.</summary>
    ValueTask ForgetAsync(string readerId);
}
