using Resilience.ChaosSuite.Platform;
using Resilience.ChaosSuite.Timeline;

namespace Resilience.ChaosSuite.Reports;

/// <summary>A scenario's timeline as counts per time bucket and member states over time: what the chart draws.</summary>
/// <param name="BucketSeconds">Width of a bucket.</param>
/// <param name="StartOffset">Offset from the injection of the first bucket's start.</param>
/// <param name="WritesOk">Acknowledged writes per bucket.</param>
/// <param name="WritesFailed">Failed writes per bucket.</param>
/// <param name="ReadsOk">Answered reads per bucket.</param>
/// <param name="ReadsFailed">Failed reads per bucket.</param>
/// <param name="Members">Each member's states over time.</param>
internal sealed record TimelineSeries(
    double BucketSeconds,
    double StartOffset,
    IReadOnlyList<int> WritesOk,
    IReadOnlyList<int> WritesFailed,
    IReadOnlyList<int> ReadsOk,
    IReadOnlyList<int> ReadsFailed,
    IReadOnlyList<MemberLane> Members)
{
    /// <summary>At most this many buckets, so a long scenario stays a readable chart.</summary>
    public const int MaxBuckets = 400;

    /// <summary>Offset of the end of the last bucket.</summary>
    public double EndOffset => StartOffset + (WritesOk.Count * BucketSeconds);

    /// <summary>Buckets <paramref name="timeline"/> relative to <paramref name="origin"/> (the injection) from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static TimelineSeries From(TimelineSnapshot timeline, double origin, double from, double to)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var duration = Math.Max(to - from, 0.25);
        var bucket = Math.Max(0.25, Math.Ceiling(duration / MaxBuckets * 4) / 4);
        var count = (int)Math.Ceiling(duration / bucket);
        int[] Count(OperationKind kind, bool ok)
        {
            var buckets = new int[count];
            foreach (var op in timeline.Operations.Where(o => o.Kind == kind && o.Succeeded == ok))
            {
                var index = (int)Math.Floor((op.CompletedAt - from) / bucket);
                if (index >= 0 && index < count)
                {
                    buckets[index]++;
                }
            }

            return buckets;
        }

        return new TimelineSeries(bucket, Math.Round(from - origin, 3),
            Count(OperationKind.Write, true), Count(OperationKind.Write, false), Count(OperationKind.Read, true), Count(OperationKind.Read, false),
            MemberLane.From(timeline, origin, from, to));
    }
}

/// <summary>One member's states over time.</summary>
/// <param name="Name">The member.</param>
/// <param name="Segments">Consecutive states, each from an offset to the next.</param>
internal sealed record MemberLane(string Name, IReadOnlyList<StateSegment> Segments)
{
    /// <summary>The states a lane shows.</summary>
    public static IReadOnlyList<string> States { get; } = ["primary", "open", "closed", "starting", "down"];

    /// <summary>The lanes of every member seen between <paramref name="from"/> and <paramref name="to"/>.</summary>
    public static IReadOnlyList<MemberLane> From(TimelineSnapshot timeline, double origin, double from, double to)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var lanes = new Dictionary<string, List<StateSegment>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var sample in timeline.SamplesBetween(from, to))
        {
            var offset = Math.Round(sample.At - origin, 3);
            foreach (var member in sample.Observation.Members)
            {
                if (!lanes.TryGetValue(member.Name, out var segments))
                {
                    lanes[member.Name] = segments = [];
                    order.Add(member.Name);
                }

                var state = StateOf(member);
                if (segments.Count > 0 && segments[^1].State == state)
                {
                    segments[^1] = segments[^1] with { To = offset };
                }
                else
                {
                    if (segments.Count > 0)
                    {
                        segments[^1] = segments[^1] with { To = offset };
                    }

                    segments.Add(new StateSegment(offset, offset, state));
                }
            }
        }

        return [.. order.Select(name => new MemberLane(name, lanes[name]))];
    }

    /// <summary>The lane state of one member observation.</summary>
    public static string StateOf(MemberObservation member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return member.Health switch
        {
            MemberHealth.Down => "down",
            MemberHealth.Starting => "starting",
            _ when member.Role == MemberRole.Primary => "primary",
            _ => member.GateOpen && member.InReadEndpoint ? "open" : "closed",
        };
    }
}

/// <summary>A member in one state from <paramref name="From"/> to <paramref name="To"/> (offsets from the injection).</summary>
/// <param name="From">Start offset.</param>
/// <param name="To">End offset.</param>
/// <param name="State">primary, open, closed, starting or down.</param>
internal sealed record StateSegment(double From, double To, string State);
