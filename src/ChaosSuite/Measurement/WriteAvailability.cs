using Resilience.ChaosSuite.Timeline;

namespace Resilience.ChaosSuite.Measurement;

/// <summary>writeUnavailableSeconds: fault injected -> first acknowledged write after it.</summary>
internal static class WriteAvailability
{
    /// <summary>
    /// The first acknowledged write that started once the fault surely held (<see cref="FaultRecord.EffectiveAt"/>);
    /// a write started earlier could have been acknowledged by the member being failed, so it proves nothing about recovery.
    /// </summary>
    public static OperationRecord? FirstAcknowledgedAfter(TimelineSnapshot timeline, FaultRecord fault)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(fault);
        return timeline.Operations
            .Where(o => o.Kind == OperationKind.Write && o.Succeeded && o.StartedAt >= fault.EffectiveAt)
            .MinBy(o => o.CompletedAt);
    }

    /// <summary>Seconds from the injection to that write's acknowledgement, or null when none came.</summary>
    public static double? UnavailableSeconds(TimelineSnapshot timeline, FaultRecord fault) =>
        FirstAcknowledgedAfter(timeline, fault) is { } first ? first.CompletedAt - fault.InjectedAt : null;
}
