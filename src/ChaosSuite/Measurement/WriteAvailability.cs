using Resilience.ChaosSuite.Timeline;

namespace Resilience.ChaosSuite.Measurement;

/// <summary>writeUnavailableSeconds: fault injected -> first acknowledged write after it.</summary>
public static class WriteAvailability
{
    /// <summary>
    /// The first write started at or after the injection and acknowledged; a write started before it
    /// could have been acknowledged by the member just failed, so it proves nothing about recovery.
    /// </summary>
    public static OperationRecord? FirstAcknowledgedAfter(TimelineSnapshot timeline, double injectedAt)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        return timeline.Operations
            .Where(o => o.Kind == OperationKind.Write && o.Succeeded && o.StartedAt >= injectedAt)
            .MinBy(o => o.CompletedAt);
    }

    /// <summary>Seconds from the injection to that write's acknowledgement, or null when none came.</summary>
    public static double? UnavailableSeconds(TimelineSnapshot timeline, double injectedAt) =>
        FirstAcknowledgedAfter(timeline, injectedAt) is { } first ? first.CompletedAt - injectedAt : null;
}
