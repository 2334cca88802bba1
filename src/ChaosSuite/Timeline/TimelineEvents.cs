using Resilience.ChaosSuite.Platform;

namespace Resilience.ChaosSuite.Timeline;

/// <summary>A kind of workload operation.</summary>
internal enum OperationKind
{
    /// <summary>An insert through the write endpoint.</summary>
    Write,

    /// <summary>A query through the read endpoint.</summary>
    Read,
}

/// <summary>One workload operation, after the client pipeline finished with it.</summary>
/// <param name="Kind">Write or read.</param>
/// <param name="StartedAt">Run seconds when the caller started it.</param>
/// <param name="CompletedAt">Run seconds when the pipeline returned.</param>
/// <param name="Succeeded">False when it failed after the pipeline's retries and fallback.</param>
/// <param name="ServerIdentity">The member that answered, when it succeeded.</param>
/// <param name="WriteId">The ledger id of a write.</param>
/// <param name="FromPrimary">True when a read was served by the primary (the fallback).</param>
/// <param name="Error">The final error's one-line description, when it failed.</param>
internal sealed record OperationRecord(
    OperationKind Kind,
    double StartedAt,
    double CompletedAt,
    bool Succeeded,
    string? ServerIdentity,
    long? WriteId,
    bool FromPrimary,
    string? Error);

/// <summary>One failed attempt inside the pipeline (it may have been retried successfully).</summary>
/// <param name="Kind">Write or read.</param>
/// <param name="At">Run seconds when it failed.</param>
/// <param name="ToPrimary">True when the attempt went to the primary (the read fallback).</param>
internal sealed record AttemptFailure(OperationKind Kind, double At, bool ToPrimary);

/// <summary>One observation of the platform.</summary>
/// <param name="At">Run seconds when the observation completed (its state held at or before then).</param>
/// <param name="Observation">What the platform said.</param>
internal sealed record ObservationSample(double At, ClusterObservation Observation);

/// <summary>A named moment of the scenario: preflight, fault injected, reader removed, recovered, rollback...</summary>
/// <param name="Name">The phase's name (see <see cref="PhaseNames"/>).</param>
/// <param name="At">Run seconds.</param>
/// <param name="Detail">A short human description.</param>
internal sealed record PhaseMark(string Name, double At, string? Detail);
