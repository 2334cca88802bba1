using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Timeline;

namespace Resilience.ChaosSuite.Measurement;

/// <summary>coldReads: reads answered by a member whose gate was closed.</summary>
internal static class ColdReads
{
    /// <summary>
    /// A read is cold when the member that answered had its gate closed in the last observation before
    /// the read started and in the first one after it completed: the gate was closed throughout. A read
    /// during a gate transition gets the benefit of the doubt, since sampling cannot place it.
    /// </summary>
    public static IReadOnlyList<OperationRecord> Find(TimelineSnapshot timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        return [.. timeline.Operations.Where(o => o is { Kind: OperationKind.Read, Succeeded: true, FromPrimary: false, ServerIdentity: not null }
            && ClosedIn(timeline.SampleAtOrBefore(o.StartedAt), o.ServerIdentity)
            && ClosedIn(timeline.SampleAtOrAfter(o.CompletedAt), o.ServerIdentity))];
    }

    /// <summary>Reads whose answering member no observation around it lists (cannot be judged either way).</summary>
    public static int Unattributed(TimelineSnapshot timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        return timeline.Operations.Count(o => o is { Kind: OperationKind.Read, Succeeded: true, ServerIdentity: not null }
            && timeline.SampleAtOrBefore(o.StartedAt)?.Observation.FindByIdentity(o.ServerIdentity) is null
            && timeline.SampleAtOrAfter(o.CompletedAt)?.Observation.FindByIdentity(o.ServerIdentity) is null);
    }

    private static bool ClosedIn(ObservationSample? sample, string identity) =>
        sample?.Observation.FindByIdentity(identity) is { Role: not MemberRole.Primary, GateOpen: false };
}
