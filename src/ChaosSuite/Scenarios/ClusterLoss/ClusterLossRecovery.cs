using Resilience.ChaosSuite.Measurement;
using Resilience.ChaosSuite.Platform;

namespace Resilience.ChaosSuite.Scenarios.ClusterLoss;

/// <summary>When a stack that lost every member counts as restored (pure: unit-tested).</summary>
internal static class ClusterLossRecovery
{
    /// <summary>
    /// A primary runs, no member that was lost appears (an observation taken before the loss, served up to the platform's
    /// status age after it, still lists them all as healthy), and every group is back at its desired count, warm.
    /// </summary>
    public static bool IsRestored(ClusterObservation observation, IReadOnlySet<string> lost, IReadOnlyDictionary<string, int> desiredByGroup)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(lost);
        return observation.Primary is not null
            && !observation.Members.Any(m => lost.Contains(m.Name))
            && GroupRecovery.IsRecovered(observation, null, desiredByGroup);
    }
}
