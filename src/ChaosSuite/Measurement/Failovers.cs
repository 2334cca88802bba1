using Resilience.ChaosSuite.Timeline;

namespace Resilience.ChaosSuite.Measurement;

/// <summary>Promotions seen in a timeline, and falseFailovers: the ones the fault did not cause.</summary>
internal static class Failovers
{
    /// <summary>
    /// Promotions between <paramref name="from"/> and <paramref name="to"/>: the larger of the rise of the
    /// platform's failover epoch (it catches a flip between two observations) and the number of times the
    /// primary's name changed (observations without a single primary are skipped).
    /// </summary>
    public static int Promotions(TimelineSnapshot timeline, double from, double to)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var samples = timeline.SamplesBetween(from, to).ToList();
        var epochs = samples.Select(s => s.Observation.FailoverEpoch).OfType<long>().ToList();
        var byEpoch = epochs.Count >= 2 ? (int)(epochs.Max() - epochs[0]) : 0;

        var byName = 0;
        string? current = null;
        foreach (var primary in samples.Select(s => s.Observation.Primary?.Name).OfType<string>())
        {
            if (current is not null && primary != current)
            {
                byName++;
            }

            current = primary;
        }

        return Math.Max(byEpoch, byName);
    }

    /// <summary>
    /// Promotions nobody asked for when one planned change of primary was requested at <paramref name="plannedAt"/>
    /// (null: none was): every promotion before the request (a slow primary taken for a dead one), and every one after
    /// it beyond the planned one.
    /// </summary>
    public static int Unplanned(TimelineSnapshot timeline, double from, double? plannedAt, double to)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        if (plannedAt is not { } planned)
        {
            return Promotions(timeline, from, to);
        }

        // The sample just before the request is the baseline of the second span, so a promotion between the two
        // observations around the request is counted once, in the second span.
        var before = timeline.SampleAtOrBefore(planned)?.At ?? planned;
        return Promotions(timeline, from, before) + FalseFailovers(Promotions(timeline, before, to), 1);
    }

    /// <summary>Promotions beyond the ones the fault was expected to cause.</summary>
    public static int FalseFailovers(int promotions, int expected) => Math.Max(0, promotions - expected);

    /// <summary>The first observation at or after the injection whose single primary is not the failed member, or null.</summary>
    public static ObservationSample? NewPrimary(TimelineSnapshot timeline, FaultRecord fault)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(fault);
        return timeline.Samples.FirstOrDefault(s => s.At >= fault.InjectedAt && s.Observation.Primary is { } p && p.Name != fault.TargetMember);
    }

    /// <summary>Observations in which more than one running member claimed to be primary.</summary>
    public static int SplitBrainSamples(TimelineSnapshot timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        return timeline.Samples.Count(s => s.Observation.PrimaryCount > 1);
    }
}
