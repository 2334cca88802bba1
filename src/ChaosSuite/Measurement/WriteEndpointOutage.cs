using Resilience.ChaosSuite.Timeline;

namespace Resilience.ChaosSuite.Measurement;

/// <summary>
/// writeUnavailableSeconds while nothing should fail over (primary-overload): the seconds in a window during which the
/// write endpoint routed to no member. 0 means the primary was never ejected; it is counted from the platform's view,
/// sampled every few tens of milliseconds, so an outage shorter than one sampling interval can be missed.
/// </summary>
internal static class WriteEndpointOutage
{
    /// <summary>Seconds within [<paramref name="from"/>, <paramref name="to"/>] whose latest observation showed no member in the write endpoint.</summary>
    /// <param name="timeline">The run's timeline.</param>
    /// <param name="from">Run seconds where the window starts (the load's start).</param>
    /// <param name="to">Run seconds where it ends (the load's end).</param>
    public static double Seconds(TimelineSnapshot timeline, double from, double to)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var samples = timeline.SamplesBetween(from, to).ToList();
        var outage = 0.0;
        for (var i = 0; i < samples.Count; i++)
        {
            if (samples[i].Observation.Members.Any(m => m.InWriteEndpoint))
            {
                continue;
            }

            // Until the next observation; the last one in the window says nothing about what came after it.
            outage += i + 1 < samples.Count ? samples[i + 1].At - samples[i].At : 0;
        }

        return outage;
    }
}
