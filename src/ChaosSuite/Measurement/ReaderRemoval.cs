using Resilience.ChaosSuite.Timeline;

namespace Resilience.ChaosSuite.Measurement;

/// <summary>When the read endpoint stopped routing to the failed member, in the platform's and the client's view.</summary>
/// <param name="PlatformAt">Run seconds of the first observation without the member in the read endpoint.</param>
/// <param name="ClientAt">Run seconds of the last client evidence of routing to it (a failed read attempt or its answer), or the injection when none.</param>
internal sealed record ReaderRemovalResult(double? PlatformAt, double ClientAt)
{
    /// <summary>The later of both views; null when the platform never removed the member.</summary>
    public double? RemovedAt => PlatformAt is { } platform ? Math.Max(platform, ClientAt) : null;
}

/// <summary>readerRemovalSeconds: fault injected -> read endpoint stops routing to the failed member.</summary>
internal static class ReaderRemoval
{
    /// <summary>Length of a run of reads without evidence that proves the endpoint no longer routes to the member.</summary>
    public const double CleanWindowSeconds = 1.0;

    /// <summary>Reads the clean window must hold to prove anything (with round robin over two members, 10 clean reads leave 1 in 1024).</summary>
    public const int MinReadsInCleanWindow = 10;

    /// <summary>Both views of the removal of <see cref="FaultRecord.TargetMember"/>.</summary>
    public static ReaderRemovalResult Measure(TimelineSnapshot timeline, FaultRecord fault)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(fault);
        var t0 = fault.InjectedAt;
        double? platformAt = timeline.Samples
            .Where(s => s.At >= t0)
            .FirstOrDefault(s => s.Observation.Find(fault.TargetMember ?? "") is not { InReadEndpoint: true })?.At;
        return new ReaderRemovalResult(platformAt, ClientView(timeline, fault));
    }

    /// <summary>
    /// The client sees routing to a lost member only as failed read attempts (or, for a hung member, its
    /// late answers). The last such evidence before a clean window (<see cref="CleanWindowSeconds"/> of
    /// at least <see cref="MinReadsInCleanWindow"/> good reads) is when routing stopped in its view.
    /// </summary>
    public static double ClientView(TimelineSnapshot timeline, FaultRecord fault)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(fault);
        var t0 = fault.InjectedAt;
        var evidence = timeline.AttemptFailures
            .Where(a => a.Kind == OperationKind.Read && !a.ToPrimary && a.At >= t0)
            .Select(a => a.At)
            .Concat(timeline.Operations
                .Where(o => o.Kind == OperationKind.Read && o.Succeeded && o.CompletedAt >= t0
                    && fault.TargetIdentity is not null && o.ServerIdentity == fault.TargetIdentity)
                .Select(o => o.CompletedAt))
            .Order()
            .ToList();
        var goodReads = timeline.Operations
            .Where(o => o.Kind == OperationKind.Read && o.Succeeded && !o.FromPrimary && o.CompletedAt >= t0
                && o.ServerIdentity != fault.TargetIdentity)
            .Select(o => o.CompletedAt)
            .Order()
            .ToList();

        var candidates = new List<double> { t0 };
        candidates.AddRange(evidence);
        for (var i = 0; i < candidates.Count; i++)
        {
            var from = candidates[i];
            var nextEvidence = i + 1 < candidates.Count ? candidates[i + 1] : double.PositiveInfinity;
            if (nextEvidence - from < CleanWindowSeconds)
            {
                continue;
            }

            var reads = goodReads.Count(r => r > from && r <= from + CleanWindowSeconds);
            if (reads >= MinReadsInCleanWindow)
            {
                return from;
            }
        }

        return candidates[^1];
    }
}
