using Resilience.ChaosSuite.Timeline;

namespace Resilience.ChaosSuite.Measurement;

/// <summary>switchoverWriteUnavailableSeconds: planned switchover requested -> first acknowledged write on the new primary.</summary>
internal static class SwitchoverAvailability
{
    /// <summary>
    /// The first write acknowledged by <paramref name="newPrimaryIdentity"/> at or after <paramref name="requestedAt"/>; a
    /// write started before the request and retried onto the new primary counts (the application saw it succeed there).
    /// </summary>
    public static OperationRecord? FirstWriteOnNewPrimary(TimelineSnapshot timeline, double requestedAt, string newPrimaryIdentity)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        return timeline.Operations
            .Where(o => o is { Kind: OperationKind.Write, Succeeded: true } && o.CompletedAt >= requestedAt && o.ServerIdentity == newPrimaryIdentity)
            .MinBy(o => o.CompletedAt);
    }

    /// <summary>Seconds from the request to that write, or null when the new primary acknowledged none.</summary>
    public static double? Seconds(TimelineSnapshot timeline, double requestedAt, string newPrimaryIdentity) =>
        FirstWriteOnNewPrimary(timeline, requestedAt, newPrimaryIdentity) is { } first ? first.CompletedAt - requestedAt : null;
}
